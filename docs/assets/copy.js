// A copy button above each code block (the templates) inside an element with data-ic-copy,
// labelled from that element's data attributes (the words come from labels.yml via the page).
// A file of its own, no inline script: the site's Content-Security-Policy allows script-src 'self'.
(function () {
  "use strict";
  document.querySelectorAll("[data-ic-copy]").forEach(function (area) {
    area.querySelectorAll("pre > code").forEach(function (code) {
      var pre = code.parentElement;
      var bar = document.createElement("div");
      bar.className = "ic-copy-bar";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ic-copy";
      button.textContent = area.dataset.icCopy;
      var status = document.createElement("span");
      status.className = "ic-copy-status";
      status.setAttribute("role", "status");
      bar.append(button, status);
      pre.before(bar);
      button.addEventListener("click", function () {
        var text = code.textContent;
        var done = function () { status.textContent = area.dataset.icCopied; };
        var failed = function () {
          // Select the text, so that copying by hand is one keystroke away.
          var range = document.createRange();
          range.selectNodeContents(code);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          status.textContent = area.dataset.icCopyFailed;
        };
        status.textContent = "";
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, failed);
        } else {
          failed();
        }
      });
    });
  });
})();
