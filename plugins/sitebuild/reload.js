// Live preview only (added by the preview server, never written to output/): reload the
// page when the preview has rebuilt the site. The stream names the page this tab shows,
// so the preview renders it first on the next save.
(function () {
  if (!window.EventSource) return;
  var page = encodeURIComponent(window.location.pathname);
  var events = new EventSource("/__preview/events?page=" + page);
  events.onmessage = function (event) {
    if (event.data === "reload") window.location.reload();
  };
})();
