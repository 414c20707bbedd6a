/* Click-to-load videos: the player (and any request to the video site) exists only after the
   reader clicks the still. Without JavaScript the link simply opens the video's page. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-video-embed]");
    if (!link) return;
    var src = link.getAttribute("data-video-embed");
    if (!/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(src)) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = link.getAttribute("data-video-title") || "";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.setAttribute("allowfullscreen", "");
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "video__frame";
    link.replaceWith(frame);
    frame.focus();
  });
})();
