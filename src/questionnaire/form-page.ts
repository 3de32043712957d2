import {embeddedLibrary} from './form-script.js'
import {documentCapWords, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_TOTAL_BYTES} from './embedded-document.js'
import {expectedForm} from './answer-types.js'
import {describeConditionForVendor} from './condition-for-vendor.js'
import {allQuestions, type Questionnaire} from './questionnaire-types.js'
import type {SheetVendor} from './answer-sheet.js'
import type {EvidenceKind} from '../schemas/common.js'

/** Evidence kinds as the vendor reads them. */
const EVIDENCE_WORDS: Readonly<Record<EvidenceKind, string>> = {
  'soc2-report': 'SOC 2 report',
  'soc2-bridge-letter': 'SOC 2 bridge letter',
  'iso27001-certificate': 'ISO 27001 certificate',
  'hitrust-letter': 'HITRUST letter',
  baa: 'business associate agreement',
  dpa: 'data processing agreement',
  'pentest-report': 'penetration test report',
  policy: 'policy document',
  'fda-clearance': 'FDA clearance',
  other: 'supporting document',
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** JSON safe inside a <script> element: no "</script", no HTML comment openers. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')

const STYLE = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1a1a1a;--accent:#1d5fa8;--muted:#555555;--bad:#b00020;--ok:#1e6b2f;--line:#b8b8b8;--panel:#f3f5f8}
@media (prefers-color-scheme: dark){:root{--bg:#121417;--fg:#e8eaed;--accent:#8ab8f0;--muted:#b8bcc2;--bad:#ff8a80;--ok:#7fd68f;--line:#5a5f66;--panel:#1d2127}}
html{background:var(--bg);color:var(--fg)}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:0 auto;padding:1rem 1.25rem 7rem;background:var(--bg);color:var(--fg)}
a{color:var(--accent)}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2.5rem;border-bottom:2px solid var(--accent)}
.intro,.help,.when{color:var(--muted);font-size:.92rem}
.q{margin:1.25rem 0;padding:.75rem 1rem;border-left:4px solid var(--line);scroll-margin-top:1rem}
.q.required{border-left-color:var(--accent)}
.q.missing{border-left-color:var(--bad)}
.q .text{font-weight:600}
.req{color:var(--accent);font-size:.8rem;font-weight:700;margin-left:.4rem;text-transform:uppercase}
.q label.opt{display:block;margin:.15rem 0}
input,textarea,button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:3px}
input[type=radio],input[type=checkbox]{accent-color:var(--accent)}
.q .input input[type=text],.q input[type=date],.q textarea,.q .evidence input[type=text]{width:100%;box-sizing:border-box;padding:.3rem}
.q .err,.attach-err{color:var(--bad);font-size:.9rem}
.attached{color:var(--ok);font-size:.9rem;overflow-wrap:anywhere}
.q details{margin-top:.4rem;font-size:.9rem}
.attach{margin-top:.4rem}
.bar{position:fixed;left:0;right:0;bottom:0;background:var(--bg);border-top:1px solid var(--line);padding:.6rem 1.25rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
.bar button{font-weight:700;padding:.4rem 1rem}
#status,#progress{font-size:.92rem}
#progress{font-weight:600}
fieldset{border:1px solid var(--line)}
#respondent label{display:inline-block;margin:.2rem 1rem .2rem 0}
nav#toc,#missing-panel{background:var(--panel);border:1px solid var(--line);padding:.5rem 1rem;margin:1rem 0}
nav#toc ol{margin:.25rem 0;padding-left:1.4rem}
nav#toc .count,#missing-panel .section{color:var(--muted);font-size:.88rem}
#missing-panel h2{margin-top:.5rem;font-size:1.05rem;border:0}
#missing li{margin:.2rem 0}
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
  var sectionOf = {};
  /* Attached documents by question id: {name, size, sha256, content (base64)}. Not kept in the draft. */
  var attachments = {};
  var pending = 0;
  /* Required questions left open are pointed out once the vendor has tried to save. */
  var shownMissing = false;

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
      box.appendChild(attachControl(q, el('input', {type: 'text', name: name, 'aria-label': 'File name of ' + q.text, placeholder: 'or type the file name if you send it separately, e.g. soc2-report-2025.pdf'})));
    } else {
      box.appendChild(el('input', {type: 'text', name: name, placeholder: q.type === 'duration' ? 'e.g. 30 days, 6 months, 72 hours' : q.type === 'url' ? 'https://' : ''}));
    }
    return box;
  }

  function evidenceInput(q) {
    var box = el('div', {'class': 'evidence help'});
    box.appendChild(el('div', {}, 'Document backing this answer (' + META.evidence[q.id] + '):'));
    box.appendChild(attachControl(q, el('input', {type: 'text', name: 'e:' + q.id, 'aria-label': 'File name of the document for ' + q.text, placeholder: 'or type the file name if you send it separately, e.g. signed-agreement.pdf'})));
    return box;
  }

  /* A file picker that reads the chosen document here, in the page (nothing is sent anywhere), hashes it and
     keeps it, as base64, for the saved answers file; a typed file name is the fallback. */
  function attachControl(q, typed) {
    var box = el('div', {'class': 'attach'});
    var f = el('input', {type: 'file', name: 'a:' + q.id, 'aria-label': 'Attach the document for ' + q.text});
    var shown = el('div', {'class': 'attached', 'aria-live': 'polite'});
    var err = el('div', {'class': 'attach-err', role: 'alert'});
    var remove = el('button', {type: 'button', 'class': 'remove', hidden: ''}, 'Remove attachment');
    function show() {
      var a = attachments[q.id];
      shown.textContent = a ? 'Attached: ' + a.name + ' (' + sizeWords(a.size) + ', SHA-256 ' + a.sha256.slice(0, 12) + '…); it is saved inside the answers file.' : '';
      if (a) remove.removeAttribute('hidden'); else remove.setAttribute('hidden', '');
      typed.disabled = !!a;
      typed.hidden = !!a;
    }
    f.addEventListener('change', function () {
      var file = f.files && f.files[0];
      err.textContent = '';
      if (!file) return;
      var others = 0;
      for (var k in attachments) if (k !== q.id) others += attachments[k].size;
      if (file.size > MAX_DOCUMENT_BYTES) {
        err.textContent = file.name + ' is ' + sizeWords(file.size) + '; a document attached here may be at most ' + documentCapWords(MAX_DOCUMENT_BYTES) + '. Send it to us separately and type its file name instead.';
        f.value = '';
        return;
      }
      if (others + file.size > MAX_DOCUMENTS_TOTAL_BYTES) {
        err.textContent = 'With ' + file.name + ' the attached documents would come to ' + sizeWords(others + file.size) + '; together they may be at most ' + documentCapWords(MAX_DOCUMENTS_TOTAL_BYTES) + '. Send this one separately and type its file name instead.';
        f.value = '';
        return;
      }
      if (!(window.crypto && crypto.subtle)) {
        err.textContent = 'This browser cannot check documents here; send ' + file.name + ' separately and type its file name instead.';
        return;
      }
      pending++;
      shown.textContent = 'Reading ' + file.name + '…';
      var reader = new FileReader();
      reader.onerror = function () { pending--; err.textContent = file.name + ' could not be read.'; show(); };
      reader.onload = function () {
        var buf = reader.result;
        crypto.subtle.digest('SHA-256', buf).then(function (d) {
          pending--;
          attachments[q.id] = {name: file.name, size: buf.byteLength, sha256: hexOf(new Uint8Array(d)), content: base64Of(new Uint8Array(buf))};
          typed.value = file.name;
          show();
          refresh();
        }, function () { pending--; err.textContent = file.name + ' could not be hashed.'; show(); });
      };
      reader.readAsArrayBuffer(file);
    });
    remove.addEventListener('click', function () { delete attachments[q.id]; f.value = ''; typed.value = ''; show(); refresh(); });
    box.appendChild(f); box.appendChild(remove); box.appendChild(shown); box.appendChild(err); box.appendChild(typed);
    return box;
  }

  function hexOf(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }

  function base64Of(bytes) {
    var parts = [];
    for (var i = 0; i < bytes.length; i += 0x8000) parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)));
    return btoa(parts.join(''));
  }

  function sizeWords(n) {
    return n >= 1048576 ? (Math.round(n / 104857.6) / 10) + ' MiB' : n >= 1024 ? (Math.round(n / 102.4) / 10) + ' KiB' : n + ' bytes';
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
    if (q.type === 'duration') {
      var iso = durationFromWords(s);
      return iso === undefined ? {error: 'Write a length of time, e.g. 30 days, 6 months or 72 hours.'} : iso;
    }
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
      if (attachments[q.id]) evidence[q.id] = attachments[q.id];
      else if (e && e.value.trim() !== '') evidence[q.id] = {path: e.value.trim()};
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
    var answered = 0, missing = [];
    allQuestions().forEach(function (q) {
      var b = blocks[q.id];
      var isAskedNow = asked.indexOf(q.id) >= 0;
      b.hidden = !isAskedNow;
      var e = b.querySelector('.err');
      e.textContent = errors[q.id] || '';
      var has = q.id in file.answers;
      if (isAskedNow && has) answered++;
      if (isAskedNow && q.required && !has) missing.push(q);
      b.classList.toggle('missing', isAskedNow && q.required && !has && shownMissing);
    });
    Q.sections.forEach(function (s) {
      var shownQs = s.questions.filter(function (q) { return asked.indexOf(q.id) >= 0; });
      document.getElementById('s:' + s.id).hidden = shownQs.length === 0;
      var item = document.getElementById('toc:' + s.id);
      item.hidden = shownQs.length === 0;
      item.querySelector('.count').textContent = ' ' + shownQs.filter(function (q) { return q.id in file.answers; }).length + ' of ' + shownQs.length;
    });
    document.getElementById('progress').textContent = answered + ' of ' + asked.length + ' answered' + (missing.length ? ' · ' + missing.length + ' required to go' : ' · every required question answered');
    listMissing(missing);
    try { localStorage.setItem(DRAFT_KEY, JSON.stringify(snapshot())); } catch (e) { /* storage may be off; the form still works */ }
    return file;
  }

  /* Required questions still open, by their text, each a link to the question. */
  function listMissing(missing) {
    var panel = document.getElementById('missing-panel');
    var list = document.getElementById('missing');
    list.textContent = '';
    panel.hidden = missing.length === 0 || !shownMissing;
    missing.forEach(function (q) {
      var li = el('li');
      var a = el('a', {href: '#q-' + q.id, 'data-goto': q.id}, q.text);
      li.appendChild(a);
      li.appendChild(el('span', {'class': 'section'}, ' — ' + sectionOf[q.id]));
      list.appendChild(li);
    });
  }

  function goTo(id) {
    var b = blocks[id];
    if (!b) return;
    b.scrollIntoView({block: 'start'});
    var first = b.querySelector('input:not([type=file]):not([disabled]), textarea');
    if (first) first.focus({preventScroll: true});
  }

  function snapshot() {
    var s = {};
    document.querySelectorAll('#form input, #form textarea, #respondent input').forEach(function (i) {
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
    document.querySelectorAll('#form input, #form textarea, #respondent input').forEach(function (i) {
      if (!i.name) return;
      if (i.type === 'radio' || i.type === 'checkbox') i.checked = !!s[i.name + '=' + i.value];
      else if (i.type !== 'file' && typeof s[i.name] === 'string') i.value = s[i.name];
    });
  }

  function build() {
    var toc = document.querySelector('#toc ol');
    Q.sections.forEach(function (s) {
      var sec = el('section', {id: 's:' + s.id});
      sec.appendChild(el('h2', {}, s.title));
      var item = el('li', {id: 'toc:' + s.id});
      item.appendChild(el('a', {href: '#s:' + s.id, 'data-section': s.id}, s.title));
      item.appendChild(el('span', {'class': 'count'}));
      toc.appendChild(item);
      if (s.intro) sec.appendChild(el('p', {'class': 'intro'}, s.intro));
      s.questions.forEach(function (q) {
        sectionOf[q.id] = s.title;
        var b = el('div', {'class': 'q' + (q.required ? ' required' : ''), id: 'q-' + q.id, 'data-q': q.id, 'data-type': q.type});
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
    shownMissing = true;
    var file = refresh();
    var status = document.getElementById('status');
    if (pending > 0) {
      status.textContent = 'Please wait: a document is still being read.';
      return;
    }
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
    status.textContent = '';
    status.appendChild(document.createTextNode('Saved ' + META.fileName + '. '));
    if (missing.length) {
      status.appendChild(document.createTextNode(missing.length + ' required question(s) still to answer: '));
      status.appendChild(el('a', {href: '#missing-panel', 'data-goto-panel': ''}, 'see the list'));
      status.appendChild(document.createTextNode('. Save again when they are answered.'));
    } else {
      status.appendChild(document.createTextNode('Every required question is answered. Send this file back to us.'));
    }
    document.getElementById('saved').textContent = text;
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t || !t.getAttribute) return;
    if (t.hasAttribute('data-goto')) { ev.preventDefault(); goTo(t.getAttribute('data-goto')); }
    else if (t.hasAttribute('data-section')) { ev.preventDefault(); document.getElementById('s:' + t.getAttribute('data-section')).scrollIntoView({block: 'start'}); }
    else if (t.hasAttribute('data-goto-panel')) { ev.preventDefault(); document.getElementById('missing-panel').scrollIntoView({block: 'start'}); }
  });

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
  const evidence: Record<string, string> = {}
  const byId = new Map(allQuestions(q).map(({question}) => [question.id, question] as const))
  for (const {question} of allQuestions(q)) {
    const form = question.type === 'duration' ? 'a length of time, e.g. 30 days, 6 months or 72 hours' : question.type === 'evidence-file' ? 'attach the document, or type its file name and send it with the answers' : expectedForm(question)
    if (question.evidence?.length) evidence[question.id] = question.evidence.map((k) => EVIDENCE_WORDS[k]).join(' or ')
    forms[question.id] = `Answer: ${form}.${question.when ? ` Asked because ${describeConditionForVendor(question.when, byId)}.` : ''}`
  }
  const meta = {vendor: opts.vendor.id, fileName: `answers-${opts.vendor.id}-${q.id}-${q.version}.yaml`, forms, evidence}
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
Your answers stay in this browser until you press <strong>Save answers file</strong>; then send us the saved file.
Documents you attach (up to ${documentCapWords(MAX_DOCUMENT_BYTES)} each, ${documentCapWords(MAX_DOCUMENTS_TOTAL_BYTES)} in all) are saved inside that file;
a document you only name by file name must be sent with it. Attachments are not kept if you close or reload this page.
This page makes no network connections.</p>
<noscript><p><strong>This form needs JavaScript.</strong> Ask us for the YAML answer sheet instead.</p></noscript>
<fieldset id="respondent"><legend>Who is answering (optional)</legend>
<label>Name <input type="text" id="respondent-name" name="r:name" autocomplete="name"></label>
<label>Role <input type="text" id="respondent-role" name="r:role" autocomplete="organization-title"></label>
<label>Email <input type="email" id="respondent-email" name="r:email" autocomplete="email"></label>
</fieldset>
<nav id="toc" aria-label="Sections"><strong>Sections</strong> <span class="count">(answered of shown)</span><ol></ol></nav>
<form id="form" onsubmit="return false"></form>
<div id="missing-panel" hidden><h2>Required questions still to answer</h2><ul id="missing"></ul></div>
<pre id="saved" hidden></pre>
<div class="bar"><button type="button" id="save">Save answers file</button><span id="progress" aria-live="polite"></span><span id="status" role="status"></span></div>
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
