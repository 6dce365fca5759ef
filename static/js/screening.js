// Keyboard answering in the screening table: J = Ja, N = Nej, I = Ikke besvaret,
// then the focus moves to the next row's answer.
document.addEventListener("keydown", (event) => {
  const radio = event.target;
  if (!(radio instanceof HTMLInputElement) || radio.type !== "radio") return;
  const values = { j: "ja", n: "nej", i: "" };
  const key = event.key.toLowerCase();
  if (!(key in values) || event.ctrlKey || event.altKey || event.metaKey) return;
  const row = radio.closest("tr.screening-row");
  if (!row) return;
  event.preventDefault();
  const choice = row.querySelector(`input[type=radio][value="${values[key]}"]`);
  choice.checked = true;
  const next = row.nextElementSibling;
  if (next) {
    const target = next.querySelector("input[type=radio]:checked") || next.querySelector("input[type=radio]");
    target.focus();
  }
});
