/* datelines viewer: the event page; the server-rendered panel gains review controls. */
"use strict";

(function () {
  const panel = document.getElementById("panel");
  DL.openEvent(panel.dataset.event, panel, () => window.location.reload())
    .then(() => { document.body.dataset.ready = "true"; });
})();
