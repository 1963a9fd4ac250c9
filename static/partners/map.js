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
      bounds.push([relation.lat, relation.lng]);
    });
    if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 8 }); }
    else { map.setView([60, 15], 4); }
  });
})();
