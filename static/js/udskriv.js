// "Udskriv" buttons (data-print) open the browser's print dialog: a handler here, not inline in the
// page, so the Content-Security-Policy needs no inline script.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
