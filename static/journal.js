// Keyboard entry in the journal grid: Enter and arrows move between cells, the cell's text is
// selected on focus so a new mark replaces the old one. Without this file the grid still works.
(function () {
  "use strict";
  var table = document.querySelector("[data-journal]");
  if (!table) { return; }
  function cell(row, col) {
    return table.querySelector('input.cell[data-row="' + row + '"][data-col="' + col + '"]');
  }
  table.addEventListener("focusin", function (e) {
    if (e.target.classList.contains("cell")) { e.target.select(); }
  });
  table.addEventListener("keydown", function (e) {
    var t = e.target;
    if (!t.classList.contains("cell")) { return; }
    var row = +t.dataset.row, col = +t.dataset.col, next = null;
    if (e.key === "Enter" || e.key === "ArrowDown") { next = cell(row + 1, col); }
    else if (e.key === "ArrowUp") { next = cell(row - 1, col); }
    else if (e.key === "ArrowRight" && t.selectionStart === t.value.length) { next = cell(row, col + 1); }
    else if (e.key === "ArrowLeft" && t.selectionStart === 0) { next = cell(row, col - 1); }
    if (next) { e.preventDefault(); next.focus(); }
    else if (e.key === "Enter") { e.preventDefault(); }
  });
  table.addEventListener("input", function (e) {
    if (e.target.classList.contains("cell")) { e.target.classList.add("changed"); }
  });
})();
