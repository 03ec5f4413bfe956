(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var form = doc.querySelector(".tl-controls");
  if (!form) { return; }
  var data = JSON.parse(doc.getElementById("tl-data").textContent);
  var query = doc.getElementById("tl-q"), actor = doc.getElementById("tl-actor");
  var count = doc.getElementById("tl-count"), toggle = doc.getElementById("tl-lang");
  var nomatch = doc.getElementById("tl-nomatch");
  var boxes = [].slice.call(doc.querySelectorAll("#tl-topics input[name=topic]"));
  var marks = {}, allMarks = doc.querySelectorAll("a.tl-mark");
  // Fading the marks of hidden entries costs a style change per mark: on a long chronology they stay as they are.
  var fade = allMarks.length <= 2000;
  [].forEach.call(allMarks, function (mark) {
    var id = mark.getAttribute("data-event");
    (marks[id] = marks[id] || []).push(mark);
  });
  var quotes = {};
  [].forEach.call(doc.querySelectorAll(".tl-use"), function (use) {
    (use.getAttribute("data-events") || "").split(" ").forEach(function (id) {
      quotes[id] = (quotes[id] || "") + " " + use.textContent;
    });
  });
  var items = [].map.call(doc.querySelectorAll("article.tl-event"), function (article) {
    return {
      article: article, li: article.parentNode, id: article.id.slice(6), text: null,
      topics: (article.getAttribute("data-topics") || "").split(" "),
      actors: (article.getAttribute("data-actors") || "").split(" ")
    };
  });
  var sections = [].slice.call(doc.querySelectorAll(".tl-section, .tl-year"));

  // Case- and width-insensitive, as the command line's --search folds (names.fold: NFKC, then casefold).
  function fold(text) { return text.normalize("NFKC").toLowerCase().replace(/\u00df/g, "ss"); }
  function isState(hash) { return /(^|&)(q|topic|actor|lang)=/.test(hash); }
  function words(key) { return data.words[root.getAttribute("data-timeline-lang")][key]; }

  function state() {
    return {
      q: query.value.trim(),
      topics: boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; }),
      actor: actor.value
    };
  }

  function matches(item, wanted, needle) {
    if (wanted.topics.length && !wanted.topics.some(function (t) { return item.topics.indexOf(t) >= 0; })) { return false; }
    if (wanted.actor && item.actors.indexOf(wanted.actor) < 0) { return false; }
    if (!needle) { return true; }
    if (item.text === null) { item.text = fold(item.article.textContent + " " + (quotes[item.id] || "")); }
    return item.text.indexOf(needle) >= 0;
  }

  function apply() {
    var wanted = state(), needle = fold(wanted.q), shown = 0;
    items.forEach(function (item) {
      var visible = matches(item, wanted, needle);
      if (visible) { shown += 1; }
      if (item.li.hidden === visible) {
        item.li.hidden = !visible;
        if (fade) { (marks[item.id] || []).forEach(function (mark) { mark.classList.toggle("tl-mark-out", !visible); }); }
      }
    });
    sections.forEach(function (section) { section.hidden = !section.querySelector("li:not([hidden])"); });
    nomatch.hidden = shown > 0 || items.length === 0;
    count.textContent = words("count").replace("{shown}", shown).replace("{total}", items.length);
    remember(wanted);
  }

  function remember(wanted) {
    var params = new URLSearchParams();
    if (wanted.q) { params.set("q", wanted.q); }
    wanted.topics.forEach(function (t) { params.append("topic", t); });
    if (wanted.actor) { params.set("actor", wanted.actor); }
    if (root.getAttribute("data-timeline-lang") !== data.lang) { params.set("lang", root.getAttribute("data-timeline-lang")); }
    var hash = params.toString();
    if (("#" + hash) === location.hash || (!hash && !isState(location.hash.slice(1)))) { return; }
    try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); } catch (e) { /* a sandboxed frame */ }
  }

  function restore(hash) {
    var params = new URLSearchParams(hash);
    query.value = params.get("q") || "";
    var topics = params.getAll("topic");
    boxes.forEach(function (box) { box.checked = topics.indexOf(box.value) >= 0; });
    actor.value = params.get("actor") || "";
    if (actor.selectedIndex < 0) { actor.value = ""; }
    setLanguage(params.get("lang") === "ja" || params.get("lang") === "en" ? params.get("lang") : data.lang);
  }

  function setLanguage(lang) {
    root.setAttribute("data-timeline-lang", lang);
    root.setAttribute("lang", lang);
    doc.title = data.title[lang];
    toggle.textContent = data.words[lang].switch_to;
    toggle.setAttribute("lang", lang === "ja" ? "en" : "ja");
    toggle.setAttribute("aria-label", data.words[lang].switch_label);
    actor.options[0].textContent = data.words[lang].all_actors;
    [].forEach.call(actor.options, function (option) {
      if (option.value && data.actors[option.value]) { option.textContent = data.actors[option.value][lang]; }
    });
    [].forEach.call(doc.querySelectorAll(".tl-tick-label"), function (label) {
      label.textContent = label.getAttribute("data-" + lang);  // 500 B.C. / 紀元前500年, as the text writes years
    });
    [].forEach.call(doc.querySelectorAll(".tl-break title"), function (title) {
      title.textContent = title.parentNode.getAttribute("data-" + lang);
    });
    [].forEach.call(doc.querySelectorAll(".tl-lane-label"), function (label) {
      var names = data.topics[label.getAttribute("data-topic")];
      if (names) { label.textContent = names[lang]; }
    });
    if (fade) { [].forEach.call(allMarks, retitle); }  // a long chronology retitles a mark when it is pointed at
  }

  // A mark's tooltip in the language shown: the entry's date line and title, as the page wrote them.
  function retitle(mark) {
    var lang = root.getAttribute("data-timeline-lang");
    if (mark.getAttribute("data-lang") === lang) { return; }
    var article = doc.getElementById("event-" + mark.getAttribute("data-event"));
    if (!article) { return; }
    mark.querySelector("title").textContent = pick(article.querySelector(".tl-date-text"), lang) + " — " +
      pick(article.querySelector(".tl-title-text"), lang);
    mark.setAttribute("data-lang", lang);
  }

  function pick(element, lang) {
    var own = element.querySelector(".tl-l-" + lang);
    return (own || element).textContent;
  }

  // A link to one event shows it whatever the filters say: they are cleared, then the page goes there.
  function reveal() {
    if (location.hash.indexOf("#event-") !== 0) { return false; }
    var target = doc.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) { return false; }
    if (target.parentNode.hidden) {
      var lang = root.getAttribute("data-timeline-lang");
      form.reset();
      query.value = "";
      apply();
      setLanguage(lang);
    }
    target.setAttribute("tabindex", "-1");
    target.scrollIntoView();
    target.focus({ preventScroll: true });
    return true;
  }

  var axis = doc.getElementById("tl-axis");
  if (axis) {
    ["mouseover", "focusin"].forEach(function (type) {
      axis.addEventListener(type, function (event) {
        var mark = event.target.closest && event.target.closest("a.tl-mark");
        if (mark) { retitle(mark); }
      });
    });
  }
  var timer = null;
  query.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  toggle.addEventListener("click", function () {
    setLanguage(root.getAttribute("data-timeline-lang") === "ja" ? "en" : "ja");
    apply();
  });
  window.addEventListener("hashchange", function () {
    if (!reveal() && isState(location.hash.slice(1))) { restore(location.hash.slice(1)); apply(); }
  });

  form.hidden = false;
  var start = location.hash.slice(1);
  if (isState(start)) { restore(start); }
  apply();
  reveal();
}());
