// Live preview only (added by the preview server, never written to output/): reload the
// page when the preview has rebuilt the site.
(function () {
  if (!window.EventSource) return;
  var events = new EventSource("/__preview/events");
  events.onmessage = function (event) {
    if (event.data === "reload") window.location.reload();
  };
})();
