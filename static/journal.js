// Keyboard entry in the journal grid: Enter and arrows move between cells, the cell's text is
// selected on focus so a new mark replaces the old one. Without this file the grid still works.
(function () {
  "use strict";
  var table = document.querySelector("[data-journal]");
  if (!table) { return; }
  function cell(row, col) {  // by the table's own row and cell positions
    var tr = table.rows[row], td = tr && tr.cells[col];
    return td ? td.querySelector('input[name^="c_"]') : null;
  }
  function isCell(el) { return el.tagName === "INPUT" && el.name.indexOf("c_") === 0; }
  table.addEventListener("focusin", function (e) {
    if (isCell(e.target)) { e.target.select(); }
  });
  table.addEventListener("keydown", function (e) {
    var t = e.target;
    if (!isCell(t)) { return; }
    var td = t.parentElement, row = td.parentElement.rowIndex, col = td.cellIndex, next = null;
    if (e.key === "Enter" || e.key === "ArrowDown") { next = cell(row + 1, col); }
    else if (e.key === "ArrowUp") { next = cell(row - 1, col); }
    else if (e.key === "ArrowRight" && t.selectionStart === t.value.length) { next = cell(row, col + 1); }
    else if (e.key === "ArrowLeft" && t.selectionStart === 0) { next = cell(row, col - 1); }
    if (next) { e.preventDefault(); next.focus(); }
    else if (e.key === "Enter") { e.preventDefault(); }
  });
  table.addEventListener("input", function (e) {
    if (isCell(e.target)) { e.target.classList.add("changed"); }
  });
})();
