/* The media library's enhancements (frontends/admin/media.py). Without this file the
 * plain upload form and the focal point fields work as they are.
 *
 * - Drag and drop: files dropped on the zone are uploaded one by one to /graphql as a
 *   GraphQL multipart request (operations, map, file) with XMLHttpRequest, whose upload
 *   progress events drive a <progress> per file. The session cookie goes with it; the
 *   X-Thudo-Upload header is what /graphql asks of a cookie-authenticated upload (a
 *   cross-site form cannot set it). A picture waits for its alt text, which the API
 *   requires. Every text comes from data- attributes that the server translated.
 * - Focal point: a click on the picture fills in the two numbers.
 */
(function () {
  "use strict";

  function text(form, name, fileName) {
    return (form.dataset[name] || "").replace("{name}", fileName || "");
  }

  function errorText(form, code) {
    if (code === "ALT_TEXT_REQUIRED") {
      return form.dataset.errorAlt;
    }
    var key = "error" + String(code || "failed").toLowerCase().replace(/(^|_)([a-z])/g, function (m, s, c) {
      return c.toUpperCase();
    });
    return form.dataset[key] || form.dataset.errorFailed;
  }

  function isImage(file) {
    return /^image\//.test(file.type || "") || /\.(jpe?g|png|gif|webp)$/i.test(file.name);
  }

  var counter = 0;

  function queueItem(form, queue, file) {
    counter += 1;
    var id = "ml-upload-" + counter;
    var item = document.createElement("li");
    var name = document.createElement("p");
    name.className = "ml-file";
    name.textContent = file.name;
    item.appendChild(name);
    var label = document.createElement("label");
    label.htmlFor = id + "-progress";
    label.className = "ws-hidden";
    label.textContent = text(form, "labelProgress", file.name);
    var progress = document.createElement("progress");
    progress.id = id + "-progress";
    progress.max = 100;
    progress.value = 0;
    var status = document.createElement("p");
    status.className = "ml-status";
    status.setAttribute("role", "status");
    item.appendChild(label);
    item.appendChild(progress);
    item.appendChild(status);
    queue.appendChild(item);
    var parts = { item: item, progress: progress, status: status, file: file, alt: null };
    if (isImage(file)) {
      askAltText(form, parts, id);
    } else {
      send(form, parts, "");
    }
  }

  function askAltText(form, parts, id) {
    var altLabel = document.createElement("label");
    altLabel.htmlFor = id + "-alt";
    altLabel.textContent = text(form, "labelAlt", parts.file.name);
    var alt = document.createElement("input");
    alt.type = "text";
    alt.id = id + "-alt";
    alt.maxLength = 500;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = text(form, "labelUpload");
    parts.item.insertBefore(altLabel, parts.progress.previousSibling);
    parts.item.insertBefore(alt, parts.progress.previousSibling);
    parts.item.insertBefore(button, parts.progress.previousSibling);
    parts.status.textContent = text(form, "statusWaiting");
    function start() {
      if (!alt.value.trim()) {
        parts.item.className = "ml-err";
        parts.status.textContent = text(form, "errorAlt");
        alt.setAttribute("aria-invalid", "true");
        alt.focus();
        return;
      }
      alt.removeAttribute("aria-invalid");
      alt.disabled = true;
      button.disabled = true;
      send(form, parts, alt.value.trim());
    }
    button.addEventListener("click", start);
    alt.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        start();
      }
    });
    alt.focus();
  }

  function send(form, parts, altText) {
    parts.item.className = "";
    parts.status.textContent = text(form, "statusUploading");
    var body = new FormData();
    body.append("operations", JSON.stringify({
      query: form.dataset.operation,
      operationName: "MediaUpload",
      variables: { input: { tenant: form.dataset.tenant, file: null, altText: altText } }
    }));
    body.append("map", JSON.stringify({ "0": ["variables.input.file"] }));
    body.append("0", parts.file, parts.file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.dataset.endpoint);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-Thudo-Upload", "1");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        parts.progress.value = Math.floor((event.loaded / event.total) * 100);
      }
    });
    xhr.upload.addEventListener("load", function () {
      parts.progress.value = 100;
      parts.status.textContent = text(form, "statusChecking");
    });
    xhr.addEventListener("load", function () { finished(form, parts, xhr); });
    xhr.addEventListener("error", function () { failed(form, parts, "FAILED"); });
    xhr.send(body);
  }

  function finished(form, parts, xhr) {
    var answer = null;
    try {
      answer = JSON.parse(xhr.responseText);
    } catch (e) {
      answer = null;
    }
    var result = answer && answer.data && answer.data.mediaUpload;
    if (result && result.__typename === "MediaSuccess") {
      parts.progress.value = parts.progress.max;
      parts.item.className = "ml-ok";
      parts.status.textContent = text(form, "statusDone");
      var link = document.createElement("a");
      link.href = form.dataset.assetBase + result.asset.id;
      link.textContent = text(form, "labelOpen", result.asset.originalFilename);
      parts.status.appendChild(document.createTextNode(" "));
      parts.status.appendChild(link);
      showInLibrary(form, result.asset);
      return;
    }
    if (result && result.code) {
      failed(form, parts, result.code);
      return;
    }
    var code = answer && answer.errors && answer.errors[0] && answer.errors[0].extensions
      ? answer.errors[0].extensions.code : "";
    failed(form, parts, code === "UPLOAD_TOO_LARGE" ? "TOO_LARGE" : "FAILED");
  }

  function failed(form, parts, code) {
    parts.item.className = "ml-err";
    parts.status.textContent = errorText(form, code);
  }

  function showInLibrary(form, asset) {
    var grid = document.querySelector("[data-grid]");
    if (!grid) {
      return;
    }
    var empty = document.querySelector("[data-empty]");
    if (empty) {
      empty.hidden = true;
    }
    var url = form.dataset.assetBase + asset.id;
    var node;
    if (grid.dataset.view === "list") {
      node = document.getElementById("ml-new-row").content.firstElementChild.cloneNode(true);
      var cells = node.querySelectorAll("td");
      node.querySelector("a").href = url;
      node.querySelector("a").textContent = asset.originalFilename;
      cells[3].textContent = asset.altText;
    } else {
      node = document.getElementById("ml-new-card").content.firstElementChild.cloneNode(true);
      node.querySelector("a").href = url;
      node.querySelector(".ml-name").textContent = asset.originalFilename;
      var img = node.querySelector("img");
      var smallest = asset.renditions && asset.renditions[0];
      if (asset.kind === "IMAGE") {
        img.src = smallest ? smallest.url : asset.url;
        node.querySelector(".ml-icon").remove();
      } else {
        img.remove();
        node.querySelector(".ml-icon").remove();
      }
    }
    grid.insertBefore(node, grid.firstChild);
  }

  function enhanceUpload(form) {
    var zone = form.querySelector("[data-drop-zone]");
    var queue = document.querySelector("[data-queue]");
    if (!zone || !queue || !window.FormData || !window.XMLHttpRequest) {
      return;
    }
    zone.hidden = false;
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("ml-over");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("ml-over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = event.dataTransfer ? event.dataTransfer.files : [];
      for (var i = 0; i < files.length; i += 1) {
        queueItem(form, queue, files[i]);
      }
    });
  }

  function enhanceFocalPoint(box) {
    var img = box.querySelector("img");
    var marker = box.querySelector("[data-focal-point]");
    var x = document.getElementById("focal_x");
    var y = document.getElementById("focal_y");
    if (!img || !marker || !x || !y) {
      return;
    }
    function place() {
      var fx = parseFloat(String(x.value).replace(",", "."));
      var fy = parseFloat(String(y.value).replace(",", "."));
      if (fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1) {
        // CSSOM, not a style attribute: allowed under style-src 'self'.
        marker.style.left = (fx * 100) + "%";
        marker.style.top = (fy * 100) + "%";
        marker.hidden = false;
      }
    }
    box.classList.add("ml-clickable");
    img.addEventListener("click", function (event) {
      var rect = img.getBoundingClientRect();
      var fx = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
      var fy = Math.min(1, Math.max(0, (event.clientY - rect.top) / rect.height));
      x.value = fx.toFixed(2);
      y.value = fy.toFixed(2);
      place();
    });
    x.addEventListener("input", place);
    y.addEventListener("input", place);
    place();
  }

  function start() {
    var form = document.querySelector("[data-media-upload]");
    if (form) {
      enhanceUpload(form);
    }
    var box = document.querySelector("[data-focal]");
    if (box) {
      enhanceFocalPoint(box);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
