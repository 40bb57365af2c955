// Appended to a copy of the HTML report by the browser test. Acts like a user (clicks the table
// header, types in the filter, opens every document) and leaves what it saw as JSON in
// <pre id="test-result"> for the Python side to check against the records.
(async function () {
  "use strict";
  const out = { errors: [] };
  const $ = (id) => document.getElementById(id);
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const ids = () => [...document.querySelectorAll("#tbody tr[data-id]")].map((tr) => tr.dataset.id);
  const scores = () => [...document.querySelectorAll("#tbody tr td.score")].map((td) => td.textContent);
  const clickHeader = async (k) => {
    document.querySelector('#doctable th[data-k="' + k + '"]').click();
    await sleep(30);
    return document.querySelector('#doctable th[data-k="' + k + '"]').getAttribute("aria-sort");
  };
  const clear = async () => { $("clear").click(); await sleep(30); };
  try {
    out.resources = performance.getEntriesByType("resource").map((e) => e.name);
    out.count = $("count").textContent;
    out.initial = ids();
    out.sortDesc = { aria: await clickHeader("s"), ids: ids(), scores: scores() };
    out.sortAsc = { aria: await clickHeader("s"), ids: ids(), scores: scores() };
    out.sortId = { aria: await clickHeader("id"), ids: ids() };
    out.sortSpam = { aria: await clickHeader("sg:spam"), ids: ids() };
    await clickHeader("i");

    const q = $("q");
    q.value = "lowcred";
    q.dispatchEvent(new Event("input"));
    await sleep(400);
    out.filterText = { ids: ids(), count: $("count").textContent };
    q.value = "no-such-document-anywhere";
    q.dispatchEvent(new Event("input"));
    await sleep(400);
    out.filterNone = { ids: ids(), message: $("tbody").textContent };
    await clear();

    $("fdec").value = "reject";
    $("fdec").dispatchEvent(new Event("change"));
    await sleep(30);
    out.filterReject = ids();
    await clear();

    document.querySelector('#sigtable tr[data-signal="translation"]').click();
    await sleep(30);
    out.filterSignal = ids();
    await clear();

    document.querySelector('#reasontable tr[data-reason="framing_signal"]').click();
    await sleep(30);
    out.filterReason = ids();
    await clear();

    document.querySelector('#hist .bin[data-lo="0"]').dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await sleep(30);
    out.filterHist = ids();
    await clear();

    out.docs = {};
    for (const id of out.initial) {
      const tr = [...document.querySelectorAll("#tbody tr[data-id]")].find((t) => t.dataset.id === id);
      tr.click();
      for (let t = 0; t < 100 && $("docview").dataset.doc !== tr.dataset.i; t++) await sleep(20);
      const doc = { visible: !$("docview").hidden, listHidden: $("listview").hidden, spans: {}, titles: {},
                    signals: {} };
      const box = $("doctext");
      doc.text = box ? box.textContent : null;
      if (box) {
        for (const m of box.querySelectorAll("mark")) {
          for (const k of m.dataset.spans.split(" ")) {
            doc.spans[k] = (doc.spans[k] || "") + m.textContent;
            doc.titles[k] = m.title;
            doc.signals[k] = m.dataset.signals;
          }
        }
        doc.markClasses = [...box.querySelectorAll("mark")].map((m) => m.className);
      }
      doc.error = $("docerror") ? $("docerror").textContent : null;
      doc.score = $("docscore") ? $("docscore").textContent : null;
      doc.reasons = [...document.querySelectorAll("#reasons code")].map((c) => c.textContent);
      doc.source = $("source") ? $("source").textContent : null;
      doc.attribution = $("attribution") ? $("attribution").textContent : null;
      doc.legend = $("legend") ? $("legend").textContent : null;
      doc.evidenceRows = document.querySelectorAll("#evidence tbody tr").length;
      doc.hash = location.hash;
      out.docs[id] = doc;
      $("back").click();
      await sleep(30);
    }
    out.backToList = !$("listview").hidden && $("docview").hidden;

    // keyboard: j opens the next document of the current list, Escape returns to the list
    document.querySelector("#tbody tr[data-id]").click();
    for (let t = 0; t < 100 && $("docview").dataset.doc !== "0"; t++) await sleep(20);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "j" }));
    for (let t = 0; t < 100 && $("docview").dataset.doc !== "1"; t++) await sleep(20);
    out.keyNext = location.hash;
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    await sleep(30);
    out.keyEscape = !$("listview").hidden && $("docview").hidden;
  } catch (e) {
    out.errors.push(String((e && e.stack) || e));
  }
  const pre = document.createElement("pre");
  pre.id = "test-result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
