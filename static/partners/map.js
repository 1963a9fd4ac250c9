// The map of relations: Leaflet with the configured tiles, markers from a JSON element.
// Without JavaScript or tiles the page still lists every relation in the table.
// Every text from the data (city, country, category) goes in through textContent, never
// as an HTML string: Leaflet's bindTooltip/bindPopup insert strings as HTML.
(function () {
  "use strict";
  var COLOURS = {
    project_agreement: "#1b6ca8", political_focus: "#8e3b8a", solidarity: "#2e7d32", dormant: "#9e9e9e"
  };
  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("relations-map");
    var dataElement = document.getElementById("relations-data");
    if (!element || !dataElement || typeof L === "undefined") { return; }
    var relations = JSON.parse(dataElement.textContent);
    var map = L.map(element, { scrollWheelZoom: false });
    var tileUrl = element.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 18, attribution: element.getAttribute("data-tile-attribution") || ""
      }).addTo(map);
    }
    var bounds = [];
    relations.forEach(function (relation) {
      var marker = L.circleMarker([relation.lat, relation.lng], {
        radius: 8, weight: 2, color: "#222", fillColor: COLOURS[relation.category] || "#555", fillOpacity: 0.9
      }).addTo(map);
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = relation.url;
      link.textContent = relation.city + ", " + relation.country;
      var category = document.createElement("span");
      category.className = "map-popup-category";
      category.textContent = relation.category_label;
      popup.appendChild(link);
      popup.appendChild(category);
      marker.bindPopup(popup);
      // Leaflet puts a string into the page as HTML (innerHTML): a city named
      // "<img src=x onerror=…>" would become markup (the CSP stops scripts, not markup).
      // An element is inserted as it is, so its text stays text.
      var tooltip = document.createElement("span");
      tooltip.textContent = relation.city + " – " + relation.category_label;
      marker.bindTooltip(tooltip);
      // A marker is a keyboard stop with a name and a role (WCAG 4.1.2): Enter or Space
      // opens its popup and moves the focus to the link inside; closing the popup (Esc,
      // its close button) brings the focus back to the marker.
      // The path exists only once the map has a view (set after this loop): decorate then.
      marker.on("add", function () { decorate(marker.getElement()); });
      var shape = null;
      function decorate(element) {
        shape = element;
        if (!shape || shape.hasAttribute("role")) { return; }
        shape.setAttribute("tabindex", "0");
        shape.setAttribute("role", "button");
        shape.setAttribute("aria-label", relation.city + ", " + relation.country + " – " + relation.category_label);
        shape.setAttribute("aria-haspopup", "dialog");
        shape.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            marker.openPopup();
          }
        });
      }
      decorate(marker.getElement());
      marker.on("popupopen", function () {
        link.focus();
        if (shape) { shape.setAttribute("aria-expanded", "true"); }
      });
      marker.on("popupclose", function () {
        if (shape) {
          shape.setAttribute("aria-expanded", "false");
          if (!document.activeElement || document.activeElement === document.body
              || popup.contains(document.activeElement)) { shape.focus(); }
        }
      });
      popup.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { marker.closePopup(); }
      });
      bounds.push([relation.lat, relation.lng]);
    });
    if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 8 }); }
    else { map.setView([60, 15], 4); }
  });
})();
