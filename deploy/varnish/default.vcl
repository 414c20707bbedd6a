vcl 4.1;
# The shared cache in front of the app servers (docs/deploy.md). `make stack` and production load
# this file unchanged; only backends.vcl (which app servers, on which ports) differs.
#
# Who decides what is cached: the application. website/cache.py marks a response the front may
# keep with `Surrogate-Control: max-age=N` (read and removed here) and `CDN-Cache-Control:
# max-age=N` (RFC 9213, left for a CDN in front of this one); browsers get `Cache-Control:
# no-store` on every page. A response without either header is never stored. This file adds only
# what the application cannot see: who is signed in before Django runs, the size of a body before
# it is read, and purging.

import std;

include "backends.vcl";

# Who may purge: the app servers. With app servers on other machines, add their addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

# The largest request body the front lets through, 31 MB (32505856 bytes). Where it comes from:
# - an entry's image: `max_file_mb` of a competition, 15 MB by default
#   (competitions/models/pages.py); editors may raise it, up to 30 MB (docs/deploy.md, "Limits");
# - an entry's story: at most 60,000 characters (MAX_STORY_CHARACTERS, competitions/forms.py),
#   at most 240 KB in UTF-8;
# - images uploaded by editors: 10 MB (WAGTAILIMAGES_MAX_UPLOAD_SIZE, Wagtail's default);
# - the subscriber import: 2 MB (NEWSLETTER_IMPORT_MAX_BYTES, newsletter/conf.py);
# plus 1 MB for the story text, the other fields and the multipart boundaries.
# tests/stack/test_limits.py checks this figure against those settings.
# The same figure is nginx's client_max_body_size (deploy/nginx/untold.conf).

sub vcl_recv {
    if (req.method == "PURGE") {
        call purge;
    }

    # Limits: refuse a body that is too large before anyone reads it; buffer the others whole,
    # so that a slow upload ties up this front, never an app server.
    if (std.integer(req.http.Content-Length, 0) > 32505856) {
        return (synth(413, "Request body too large"));
    }
    if (req.method == "POST" || req.method == "PUT" || req.method == "PATCH") {
        if (!std.cache_req_body(31MB)) {
            return (synth(413, "Request body too large"));
        }
    }

    set req.backend_hint = app.backend();
    # When the app servers are down, readers still get the pages kept in the last 6 hours.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never from the cache: the CMS, documents (they may be restricted to some users), the
    # language choice at / (it reads Accept-Language and the `lang` cookie), anyone with a
    # session (signed in: editors, jurors) or a message waiting to be shown, HTTP authentication.
    if (req.url ~ "^/(admin|documents)/" || req.url ~ "^/(\?|$)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=" || req.http.Authorization) {
        return (pass);
    }
    # Pages under /sq/ and /en/ carry their language in the URL. Other cacheable addresses
    # (sitemap.xml, static files) do not depend on the reader's language: one copy for all.
    if (req.url !~ "^/(sq|en)/") {
        unset req.http.Accept-Language;
    }
    # Other cookies (`lang`, `csrftoken`) neither split nor bypass the cache: a response that
    # depends on them says so (Vary: Cookie) and website/cache.py never marks it cacheable.
    return (hash);
}

sub vcl_hash {
    # Django answers plain HTTP with a redirect to HTTPS: the two must never share a copy.
    # (Varnish listens on 127.0.0.1 only: the header comes from nginx, not from a reader.)
    hash_data(req.http.X-Forwarded-Proto);
    # The built-in vcl_hash adds the URL and the host.
}

# PURGE <path>: every stored copy of that path, whatever its query string (?year=, ?page=).
# PURGE <path>*: everything under that path (a page, its routes and its subpages).
# PURGE /*: everything. Host names are ignored: one site, whatever name it was reached by.
sub purge {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    if (req.url == "/*") {
        ban("obj.status != 0");
        return (synth(200, "Purged everything"));
    }
    if (req.url ~ "\*$") {
        # The path becomes a regular expression: allow only the characters of our URLs.
        if (req.url !~ "^/[A-Za-z0-9/._~%-]*\*$") {
            return (synth(400, "Bad purge pattern"));
        }
        ban("obj.http.x-path ~ ^" + regsub(req.url, "\*$", ""));
        return (synth(200, "Purged prefix"));
    }
    ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
    return (synth(200, "Purged"));
}

sub vcl_backend_response {
    # Kept on the stored object so that bans can find it (removed before delivery).
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "(^|,)\s*max-age=[0-9]+" ||
        (!beresp.http.Surrogate-Control && beresp.http.CDN-Cache-Control ~ "(^|,)\s*max-age=[0-9]+")) {
        if (beresp.http.Surrogate-Control) {
            set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
        } else {
            set beresp.ttl = std.duration(regsub(beresp.http.CDN-Cache-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
        }
        unset beresp.http.Surrogate-Control;
        # The application marks a response cacheable only when its one cookie is `lang`, which
        # vcl_deliver sets for each reader: the stored copy keeps none.
        unset beresp.http.Set-Cookie;
        set beresp.grace = 6h;
        if (beresp.ttl > 0s) {
            return (deliver);
        }
    }
    if (bereq.url ~ "^/static/") {
        # WhiteNoise's Cache-Control (a day, a year for hashed names) says how long.
        return (deliver);
    }
    # Anything else is fetched anew for every reader; remember that for two minutes.
    set beresp.ttl = 120s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The `lang` cookie remembers the language of the last page read (decision 5 in
    # docs/decisions.md; website/middleware.py sets it the same way when nothing is in front).
    if (!obj.uncacheable && req.method == "GET" && resp.status == 200 &&
        resp.http.Content-Type ~ "^text/html") {
        if (req.url ~ "^/sq/" && req.http.Cookie !~ "(^|;\s*)lang=sq(;|$)") {
            set resp.http.Set-Cookie = "lang=sq; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly";
        } elsif (req.url ~ "^/en/" && req.http.Cookie !~ "(^|;\s*)lang=en(;|$)") {
            set resp.http.Set-Cookie = "lang=en; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly";
        }
        # Secure behind TLS (nginx says so), as LANGUAGE_COOKIE_SECURE makes Django's.
        if (resp.http.Set-Cookie ~ "^lang=" && req.http.X-Forwarded-Proto == "https") {
            set resp.http.Set-Cookie = resp.http.Set-Cookie + "; Secure";
        }
    }
}

sub vcl_synth {
    if (resp.status == 413) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "no-store";
        set resp.http.Connection = "close";
        set resp.body = {"<!DOCTYPE html>
<html lang="sq">
<head><meta charset="utf-8"><title>Skedari është shumë i madh / The file is too large</title></head>
<body>
<h1>Skedari është shumë i madh</h1>
<p>Mund të dërgoni deri në 30 MB. Kthehuni te formulari dhe zgjidhni një skedar më të vogël.</p>
<h1 lang="en">The file is too large</h1>
<p lang="en">You can send up to 30 MB. Go back to the form and choose a smaller file.</p>
</body>
</html>
"};
        return (deliver);
    }
}
