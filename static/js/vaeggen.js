// Væggen: cards saved by other groups appear by themselves (a periodic refresh of the changed
// cells), and a card opens in place for the facilitator to edit.
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
      for (const [id, html] of Object.entries(data.celler)) {
        const cell = document.getElementById(id);
        if (cell && cell.innerHTML !== html) {
          cell.innerHTML = html;
          cell.classList.remove("flash");
          void cell.offsetWidth; // restart the highlight
          cell.classList.add("flash");
        }
      }
    } catch (error) {
      // The network may drop for a moment on a projector laptop; the next round tries again.
    }
  }
  setInterval(refresh, 3000);

  const dialog = document.createElement("dialog");
  dialog.className = "border-0 rounded shadow p-4";
  dialog.style.minWidth = "40rem";
  document.body.append(dialog);
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
    form.classList.remove("col-lg-6");
    dialog.replaceChildren(form);
    form.querySelector(".wall-cancel").addEventListener("click", (e) => {
      e.preventDefault();
      dialog.close();
    });
    dialog.showModal();
  });
})();
