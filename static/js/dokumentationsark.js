// Choosing which phases' columns to see applies at once, as a tick in Excel would.
document.querySelectorAll("#sheet-filter .fase-valg").forEach((box) => {
  box.addEventListener("change", () => box.form.requestSubmit());
});
