// After a passkey is added, reload the page so that it shows in the list.
document.addEventListener("otp_webauthn.register_complete", () => window.location.reload());
