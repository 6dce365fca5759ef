// The R2 wizard: show only the questions on the path the answers take, clear the rest,
// and show the brugsmønster as soon as it is known. The tree comes from the server (TREE).
(() => {
  const form = document.getElementById("r2-wizard");
  if (!form) return;
  const tree = JSON.parse(document.getElementById("r2-tree").textContent);
  const types = JSON.parse(document.getElementById("r2-typer").textContent);
  const answer = (q) => form.querySelector(`input[name="${q}"]:checked`)?.value || "";

  function update() {
    const path = [];
    let node = "q1";
    while (node in tree) {
      path.push(node);
      const value = answer(node);
      if (!value) break;
      node = tree[node][value === "ja" ? 0 : 1];
    }
    form.querySelectorAll(".r2-question").forEach((fieldset) => {
      const onPath = path.includes(fieldset.dataset.question);
      fieldset.hidden = !onPath;
      if (!onPath) fieldset.querySelector('input[value=""]').checked = true;
    });
    const result = document.getElementById("r2-result");
    result.hidden = !(node in types);
    if (node in types) {
      document.getElementById("r2-type").textContent = node;
      document.getElementById("r2-today").textContent = types[node].i_dag;
      document.getElementById("r2-dependency").textContent = types[node].afhaengighed;
    }
    const next = form.querySelector(`.r2-question[data-question="${path[path.length - 1]}"] input`);
    return next;
  }

  form.addEventListener("change", () => {
    const next = update();
    if (next && !answer(next.name)) next.focus();
  });
  update();
})();
