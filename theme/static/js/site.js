/* Optional: the page works without it. Remembers the text size; shows the share sheet
   (lists Zalo on phones) and copy-link buttons where the browser has them. */
(function () {
  var d = document, key = "tinhoi-text-size", store = null;
  try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }
  var root = d.documentElement, saved = store && store.getItem(key);
  var radio = saved && d.getElementById("ts-" + saved);
  if (radio) { radio.checked = true; root.setAttribute("data-ts", saved); }
  d.addEventListener("change", function (e) {
    if (e.target.name !== "text-size") return;
    root.setAttribute("data-ts", e.target.value);
    try { if (store) store.setItem(key, e.target.value); } catch (err) { /* private mode: this page only */ }
  });
  var status = d.querySelector(".share-status");
  var native = d.querySelector(".share-native"), copy = d.querySelector(".share-copy");
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: native.dataset.title, url: native.dataset.url }).catch(function () {});
    });
  }
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.dataset.url).then(function () {
        status.textContent = status.dataset.done;
      }, function () {});
    });
  }
})();
