// Sorting a problems table by its Sheet column (the button in its header), ascending then
// descending; rows of one sheet keep their order (the report's: by cell). Without JavaScript the
// table stays in the report's order. Delegated, so tables htmx swaps in later sort too.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-sap-xep]");
  if (!button) return;
  var header = button.closest("th");
  var table = button.closest("table");
  var column = Array.prototype.indexOf.call(header.parentNode.children, header);
  var descending = header.getAttribute("aria-sort") === "ascending";
  var body = table.tBodies[0];
  var rows = Array.prototype.map.call(body.rows, function (row, index) { return [row, index]; });
  rows.sort(function (a, b) {
    var order = a[0].cells[column].textContent.localeCompare(b[0].cells[column].textContent, "vi");
    return (descending ? -order : order) || a[1] - b[1];
  });
  rows.forEach(function (pair) { body.appendChild(pair[0]); });
  header.setAttribute("aria-sort", descending ? "descending" : "ascending");
});

// The working folder (`xephang serve`): each time a workbook in it is saved and made again, the
// server says so (server-sent events) and its part of the page is fetched again. Every open
// window hears it. Without JavaScript, a reload shows the same.
(function () {
  var folder = document.getElementById("thu-muc");
  if (!folder || !window.EventSource) return;
  var source = new EventSource(folder.dataset.suKien + "?sau=" + folder.dataset.thayDoi);
  source.addEventListener("thu-muc", function () {
    htmx.ajax("GET", folder.dataset.phan, { target: "#thu-muc", swap: "innerHTML" });
  });
})();

// A file box says which files were chosen, in its own words (the browser's are in its language).
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("input[type=file][data-chon]")) return;
  var shown = document.getElementById(input.dataset.chon);
  var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
  shown.textContent = names.length ? names.join(", ") : shown.dataset.trong;
});
