// jupyst deck selection: a classic script added to pydeck's own HTML page when
// st.pydeck_chart(on_select=...) is on (not a module: it runs inside the chart's frame).
//
// pydeck's createDeck() reports clicks to a `handleEvent(name, info)` it is given; this
// script supplies it as `jupystDeckEvent`. A click on an object of a layer selects it as
// Streamlit's chart does: "single-object" keeps that one object (a second click on it, or a
// click on no object, clears); "multi-object" adds or removes it in its layer's list. The
// selection {indices: {layerId: [i]}, objects: {layerId: [object]}} goes to the page through
// the custom-component protocol (streamlit:setComponentValue); the page sends the kernel's
// selection and the mode back in streamlit:render args, so a rerun or a reload starts
// from what the script has.
(function () {
  "use strict";
  var EMPTY = function () { return { indices: {}, objects: {} }; };
  var selection = EMPTY();
  var mode = "single-object";

  function post(message) {
    message.isStreamlitMessage = true;
    window.parent.postMessage(message, "*");
  }

  // the picked object as plain JSON (deck.gl objects may hold typed arrays or cycles)
  function plain(object) {
    if (object === undefined || object === null) return null;
    try {
      return JSON.parse(JSON.stringify(object));
    } catch (err) {
      return null;
    }
  }

  function next(info) {
    var index = typeof info.index === "number" ? info.index : -1;
    if (index < 0) return EMPTY();
    var layerId = String((info.layer && info.layer.id) || null);
    var object = plain(info.object);
    if (mode === "single-object") {
      var current = selection.indices[layerId];
      if (current && current[0] === index) return EMPTY();
      var one = EMPTY();
      one.indices[layerId] = [index];
      one.objects[layerId] = [object];
      return one;
    }
    var indices = (selection.indices[layerId] || []).slice();
    var objects = (selection.objects[layerId] || []).slice();
    var at = indices.indexOf(index);
    if (at >= 0) {
      indices.splice(at, 1);
      objects.splice(at, 1);
    } else {
      indices.push(index);
      objects.push(object);
    }
    var out = { indices: Object.assign({}, selection.indices), objects: Object.assign({}, selection.objects) };
    if (indices.length) {
      out.indices[layerId] = indices;
      out.objects[layerId] = objects;
    } else {
      delete out.indices[layerId];
      delete out.objects[layerId];
    }
    return out;
  }

  window.jupystDeckEvent = function (name, info) {
    if (name !== "deck-click-event" || !info) return;
    var chosen = next(info);
    if (JSON.stringify(chosen) === JSON.stringify(selection)) return;
    selection = chosen;
    document.documentElement.dataset.jupystSelection = JSON.stringify(selection.indices);
    post({ type: "streamlit:setComponentValue", value: { selection: selection }, dataType: "json" });
  };

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.type !== "streamlit:render") return;
    var args = data.args || {};
    if (args.selection_mode) mode = args.selection_mode;
    if (args.selection && args.selection.indices && args.selection.objects) selection = args.selection;
    document.documentElement.dataset.jupystSelection = JSON.stringify(selection.indices);
  });

  post({ type: "streamlit:componentReady", apiVersion: 1 });
})();
