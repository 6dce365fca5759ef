// Væggen: cards saved by other groups appear by themselves (a periodic refresh brings the changed
// cards only), and a card opens in place for the facilitator to edit.
(() => {
  const wall = document.getElementById("vaeggen");
  document.getElementById("fuld-skaerm")?.addEventListener("click", () => {
    document.documentElement.requestFullscreen?.();
  });
  if (!wall) return;
  let since = wall.dataset.nu;

  async function refresh() {
    try {
      const response = await fetch(`${wall.dataset.url}?siden=${encodeURIComponent(since)}`, {
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const data = await response.json();
      since = data.nu;
      data.kort.forEach(place);
    } catch (error) {
      // The network may drop for a moment on a projector laptop; the next round tries again.
    }
  }
  setInterval(refresh, 3000);

  const EMPTY = '<span class="text-muted small wall-empty">Ingen sagsområder</span>'; // as wall_cards.py
  // A changed card replaces the shown one; a new one goes into its cell in KLE order; "" removes it.
  function place(card) {
    const shown = document.getElementById(card.id);
    const cell = document.getElementById(card.celle);
    if (!cell || (shown && shown.outerHTML === card.html)) return;
    if (!card.html) {
      shown?.remove();
      if (!cell.querySelector(".wall-card")) cell.innerHTML = EMPTY;
      return;
    }
    const fresh = new DOMParser().parseFromString(card.html, "text/html").body.firstElementChild;
    if (shown) {
      shown.replaceWith(fresh);
    } else {
      cell.querySelector(".wall-empty")?.remove();
      const after = [...cell.querySelectorAll(".wall-card")].find((c) => c.dataset.kle > card.kle);
      cell.insertBefore(fresh, after || null);
    }
    fresh.classList.add("flash");
  }
  const dialog = document.createElement("dialog");
  dialog.className = "border-0 rounded shadow p-4";
  dialog.style.minWidth = "min(40rem, 95vw)";
  dialog.setAttribute("aria-label", "Ret kortet");
  document.body.append(dialog);

  function show(form) {
    form.classList.remove("col-lg-6");
    dialog.replaceChildren(form);
    form.querySelector(".wall-cancel").addEventListener("click", (e) => {
      e.preventDefault();
      dialog.close();
    });
    // Save in place: the dialog says it is saved, or shows the form again with its errors.
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const response = await fetch(form.action, { method: "POST", body: new FormData(form) });
      const html = await response.text();
      const again = new DOMParser().parseFromString(html, "text/html").getElementById("wall-card-form");
      if (again) {
        show(again);
        return;
      }
      const saved = document.createElement("p");
      saved.className = "alert alert-success mb-0 wall-dialog-saved";
      saved.setAttribute("role", "status");
      saved.textContent = "Kortet er gemt.";
      dialog.replaceChildren(saved);
      refresh();
      setTimeout(() => dialog.close(), 1200);
    });
  }

  wall.addEventListener("click", async (event) => {
    const link = event.target.closest("a.wall-edit");
    if (!link) return;
    event.preventDefault();
    const html = await (await fetch(link.href)).text();
    const form = new DOMParser().parseFromString(html, "text/html").getElementById("wall-card-form");
    if (!form) {
      window.location = link.href;
      return;
    }
    show(form);
    dialog.showModal();
  });
})();
