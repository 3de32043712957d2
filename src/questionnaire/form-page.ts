import {embeddedLibrary} from './form-script.js'
import {expectedForm} from './answer-types.js'
import {describeCondition} from './describe-condition.js'
import {allQuestions, type Questionnaire} from './questionnaire-types.js'
import type {SheetVendor} from './answer-sheet.js'

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** JSON safe inside a <script> element: no "</script", no HTML comment openers. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')

const STYLE = `
:root{color-scheme:light dark;--accent:#1d5fa8;--muted:#666;--bad:#b00020}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:0 auto;padding:1rem 1.25rem 6rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2.5rem;border-bottom:2px solid var(--accent)}
.intro,.help,.when{color:var(--muted);font-size:.92rem}
.q{margin:1.25rem 0;padding:.75rem 1rem;border-left:4px solid #ccc}
.q.required{border-left-color:var(--accent)}
.q .text{font-weight:600}
.req{color:var(--accent);font-size:.8rem;font-weight:700;margin-left:.4rem;text-transform:uppercase}
.q label.opt{display:block;margin:.15rem 0}
.q .input input[type=text],.q input[type=date],.q textarea{width:100%;box-sizing:border-box;font:inherit;padding:.3rem}
.q .err{color:var(--bad);font-size:.9rem}
.q details{margin-top:.4rem;font-size:.9rem}
.bar{position:fixed;left:0;right:0;bottom:0;background:Canvas;border-top:1px solid #999;padding:.6rem 1.25rem;display:flex;gap:1rem;align-items:center}
.bar button{font:inherit;font-weight:700;padding:.4rem 1rem}
#status{font-size:.92rem}
fieldset{border:1px solid #ccc}
`

/*
 * The page's own code: builds the form from the embedded questionnaire, shows a question only while its
 * `when` holds (askedAndAnswered, from the embedded library), and saves the canonical answers file
 * (canonicalAnswersFile + serialiseAnswers, the same compiled code the CLI runs). Plain ES2020, no
 * network, no storage beyond this browser's localStorage draft.
 */
const UI = String.raw`
(function () {
  'use strict';
  var Q = JSON.parse(document.getElementById('questionnaire').textContent);
  var META = JSON.parse(document.getElementById('meta').textContent);
  var DRAFT_KEY = 'scanvet:' + Q.id + ':' + Q.version + ':' + META.vendor;
  var root = document.getElementById('form');
  var blocks = {};
  var errors = {};

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function inputFor(q) {
    var box = el('div', {'class': 'input'});
    var name = 'q:' + q.id;
    if (q.type === 'yes-no' || q.type === 'single-choice') {
      var opts = q.type === 'yes-no' ? [{value: 'yes', label: 'Yes'}, {value: 'no', label: 'No'}] : q.options;
      opts.forEach(function (o) {
        var l = el('label', {'class': 'opt'});
        var i = el('input', {type: 'radio', name: name, value: o.value});
        l.appendChild(i); l.appendChild(document.createTextNode(' ' + o.label));
        box.appendChild(l);
      });
      var clear = el('button', {type: 'button', 'class': 'clear'}, 'Clear answer');
      clear.addEventListener('click', function () {
        box.querySelectorAll('input').forEach(function (i) { i.checked = false; });
        refresh();
      });
      box.appendChild(clear);
    } else if (q.type === 'multi-choice') {
      q.options.forEach(function (o) {
        var l = el('label', {'class': 'opt'});
        var i = el('input', {type: 'checkbox', name: name, value: o.value});
        l.appendChild(i); l.appendChild(document.createTextNode(' ' + o.label));
        box.appendChild(l);
      });
    } else if (q.type === 'text') {
      box.appendChild(el('textarea', {name: name, rows: '3'}));
    } else if (q.type === 'date') {
      box.appendChild(el('input', {type: 'date', name: name}));
    } else if (q.type === 'evidence-file') {
      var t = el('input', {type: 'text', name: name, placeholder: 'file name, e.g. soc2-report-2025.pdf'});
      var f = el('input', {type: 'file', 'aria-label': 'Pick the file to fill in its name'});
      f.addEventListener('change', function () { if (f.files && f.files[0]) { t.value = f.files[0].name; refresh(); } });
      box.appendChild(t); box.appendChild(f);
      box.appendChild(el('div', {'class': 'help'}, 'Send this file together with the answers file.'));
    } else {
      box.appendChild(el('input', {type: 'text', name: name, placeholder: q.type === 'duration' ? 'e.g. P30D (30 days), PT48H (48 hours)' : q.type === 'url' ? 'https://' : ''}));
    }
    return box;
  }

  function evidenceInput(q) {
    var box = el('div', {'class': 'evidence help'});
    var l = el('label', {}, 'Document backing this answer (' + q.evidence.join(', ') + '): file name ');
    var t = el('input', {type: 'text', name: 'e:' + q.id, placeholder: 'e.g. signed-agreement.pdf'});
    var f = el('input', {type: 'file', 'aria-label': 'Pick the document to fill in its name'});
    f.addEventListener('change', function () { if (f.files && f.files[0]) { t.value = f.files[0].name; refresh(); } });
    l.appendChild(t); box.appendChild(l); box.appendChild(f);
    return box;
  }

  function readValue(q) {
    var block = blocks[q.id];
    var name = 'q:' + q.id;
    var inputs = block.querySelectorAll('[name="' + name + '"]');
    if (q.type === 'yes-no' || q.type === 'single-choice') {
      for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) return q.type === 'yes-no' ? inputs[i].value === 'yes' : inputs[i].value;
      return undefined;
    }
    if (q.type === 'multi-choice') {
      var out = [];
      for (var j = 0; j < inputs.length; j++) if (inputs[j].checked) out.push(inputs[j].value);
      return out.length ? out : undefined;
    }
    var raw = inputs[0].value;
    if (q.type === 'text') return raw.trim() === '' ? undefined : raw;
    var s = raw.trim();
    if (s === '') return undefined;
    if (q.type === 'number') {
      if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s) || !isFinite(Number(s))) return {error: 'Write a number, e.g. 12 or 2.5.'};
      return Number(s);
    }
    if (q.type === 'duration') return durationSeconds(s) === undefined ? {error: 'Write an ISO 8601 duration, e.g. P30D for 30 days or PT48H for 48 hours.'} : s;
    if (q.type === 'url') return /^https?:\/\/[^\s\/?#]+\S*$/i.test(s) ? s : {error: 'Write a full web address starting with https://'};
    if (q.type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : {error: 'Pick a date.'};
    return s;
  }

  function collect() {
    var answers = {}, comments = {}, evidence = {};
    errors = {};
    allQuestions().forEach(function (q) {
      var v = readValue(q);
      if (v && typeof v === 'object' && !Array.isArray(v) && v.error) errors[q.id] = v.error;
      else if (v !== undefined) answers[q.id] = v;
      var c = blocks[q.id].querySelector('[name="c:' + q.id + '"]');
      if (c && c.value.trim() !== '') comments[q.id] = c.value;
      var e = blocks[q.id].querySelector('[name="e:' + q.id + '"]');
      if (e && e.value.trim() !== '') evidence[q.id] = {path: e.value.trim()};
    });
    var respondent = {};
    ['name', 'role', 'email'].forEach(function (k) {
      var v = document.getElementById('respondent-' + k).value.trim();
      if (v !== '') respondent[k] = v;
    });
    var file = {questionnaire: Q.id, version: Q.version, vendor: META.vendor, answers: answers};
    if (Object.keys(respondent).length) file.respondent = respondent;
    if (Object.keys(comments).length) file.comments = comments;
    if (Object.keys(evidence).length) file.evidence = evidence;
    return file;
  }

  function allQuestions() {
    var out = [];
    Q.sections.forEach(function (s) { s.questions.forEach(function (q) { out.push(q); }); });
    return out;
  }

  function refresh() {
    var file = collect();
    var asked = askedAndAnswered(Q, file.answers).asked;
    allQuestions().forEach(function (q) {
      var b = blocks[q.id];
      b.hidden = asked.indexOf(q.id) < 0;
      var e = b.querySelector('.err');
      e.textContent = errors[q.id] || '';
    });
    Q.sections.forEach(function (s) {
      document.getElementById('s:' + s.id).hidden = !s.questions.some(function (q) { return asked.indexOf(q.id) >= 0; });
    });
    try { localStorage.setItem(DRAFT_KEY, JSON.stringify(snapshot())); } catch (e) { /* storage may be off; the form still works */ }
    return file;
  }

  function snapshot() {
    var s = {};
    root.querySelectorAll('input, textarea').forEach(function (i) {
      if (!i.name) return;
      if (i.type === 'radio' || i.type === 'checkbox') { if (i.checked) s[i.name + '=' + i.value] = true; }
      else if (i.type !== 'file' && i.value !== '') s[i.name] = i.value;
    });
    return s;
  }

  function restore() {
    var s;
    try { s = JSON.parse(localStorage.getItem(DRAFT_KEY) || 'null'); } catch (e) { s = null; }
    if (!s) return;
    root.querySelectorAll('input, textarea').forEach(function (i) {
      if (!i.name) return;
      if (i.type === 'radio' || i.type === 'checkbox') i.checked = !!s[i.name + '=' + i.value];
      else if (i.type !== 'file' && typeof s[i.name] === 'string') i.value = s[i.name];
    });
  }

  function build() {
    Q.sections.forEach(function (s) {
      var sec = el('section', {id: 's:' + s.id});
      sec.appendChild(el('h2', {}, s.title));
      if (s.intro) sec.appendChild(el('p', {'class': 'intro'}, s.intro));
      s.questions.forEach(function (q) {
        var b = el('div', {'class': 'q' + (q.required ? ' required' : ''), 'data-q': q.id, 'data-type': q.type});
        var t = el('div', {'class': 'text'}, q.text);
        if (q.required) t.appendChild(el('span', {'class': 'req', title: 'This question must be answered'}, 'required'));
        b.appendChild(t);
        if (q.help) b.appendChild(el('div', {'class': 'help'}, q.help));
        b.appendChild(el('div', {'class': 'when'}, META.forms[q.id]));
        b.appendChild(inputFor(q));
        if (q.evidence && q.evidence.length && q.type !== 'evidence-file') b.appendChild(evidenceInput(q));
        b.appendChild(el('div', {'class': 'err', role: 'alert'}));
        var d = el('details');
        d.appendChild(el('summary', {}, 'Add a comment'));
        d.appendChild(el('textarea', {name: 'c:' + q.id, rows: '2', 'aria-label': 'Comment on ' + q.id}));
        b.appendChild(d);
        blocks[q.id] = b;
        sec.appendChild(b);
      });
      root.appendChild(sec);
    });
  }

  function save() {
    var file = refresh();
    var status = document.getElementById('status');
    var bad = Object.keys(errors);
    if (bad.length) {
      status.textContent = 'Please fix ' + bad.length + ' answer(s) marked in red before saving.';
      blocks[bad[0]].scrollIntoView();
      return;
    }
    var canon = canonicalAnswersFile(Q, file);
    var text = serialiseAnswers(canon, questionOrder(Q));
    var missing = askedAndAnswered(Q, canon.answers).asked.filter(function (id) {
      return blocks[id].getAttribute('class').indexOf('required') >= 0 && !(id in canon.answers);
    });
    var blob = new Blob([text], {type: 'application/yaml'});
    var a = el('a', {href: URL.createObjectURL(blob), download: META.fileName});
    document.body.appendChild(a); a.click(); a.remove();
    status.textContent = 'Saved ' + META.fileName + (missing.length ? '. Still to answer (required): ' + missing.join(', ') + '.' : '. Every required question is answered. Send this file back to us.');
    document.getElementById('saved').textContent = text;
  }

  build();
  restore();
  root.addEventListener('input', refresh);
  root.addEventListener('change', refresh);
  ['name', 'role', 'email'].forEach(function (k) { document.getElementById('respondent-' + k).addEventListener('input', refresh); });
  document.getElementById('save').addEventListener('click', save);
  refresh();
  document.body.setAttribute('data-ready', 'true');
})();
`

export interface FormOptions {
  readonly vendor: SheetVendor
}

/**
 * One self-contained HTML file (no network requests, no external assets; a CSP forbids both) that the vendor
 * opens in any browser, answers, and saves as the canonical answers file.
 */
export const renderAnswerForm = async (q: Questionnaire, opts: FormOptions): Promise<string> => {
  const lib = await embeddedLibrary()
  const forms: Record<string, string> = {}
  for (const {question} of allQuestions(q)) {
    forms[question.id] = `Answer: ${expectedForm(question)}.${question.when ? ` Asked because ${describeCondition(question.when)}.` : ''}`
  }
  const meta = {vendor: opts.vendor.id, fileName: `answers-${opts.vendor.id}-${q.id}-${q.version}.yaml`, forms}
  const title = `${q.title} — ${opts.vendor.name}`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="scanvet">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(q.title)}</h1>
<p>For <strong>${escapeHtml(opts.vendor.name)}</strong> · questionnaire ${escapeHtml(q.id)}, version ${escapeHtml(q.version)}</p>
${q.description ? `<p class="intro">${escapeHtml(q.description)}</p>` : ''}
<p class="intro">Questions marked <span class="req">required</span> must be answered. Some questions appear only after certain answers.
Your answers stay in this browser until you press <strong>Save answers file</strong>; then send us the saved file together with any documents it names.
This page makes no network connections.</p>
<noscript><p><strong>This form needs JavaScript.</strong> Ask us for the YAML answer sheet instead.</p></noscript>
<fieldset id="respondent"><legend>Who is answering (optional)</legend>
<label>Name <input type="text" id="respondent-name" autocomplete="name"></label>
<label>Role <input type="text" id="respondent-role" autocomplete="organization-title"></label>
<label>Email <input type="email" id="respondent-email" autocomplete="email"></label>
</fieldset>
<form id="form" onsubmit="return false"></form>
<pre id="saved" hidden></pre>
<div class="bar"><button type="button" id="save">Save answers file</button><span id="status" role="status"></span></div>
<script type="application/json" id="questionnaire">${scriptJson(q)}</script>
<script type="application/json" id="meta">${scriptJson(meta)}</script>
<script>
${lib}
</script>
<script>${UI}</script>
</body>
</html>
`
}
