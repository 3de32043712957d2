/** The dashboard's only style sheet, inline and hashed into the CSP. Printable: controls hide, tables break cleanly. */
export const DASHBOARD_CSS = `
:root{--fg:#111;--muted:#555;--line:#d5dae1;--bg:#fff;--head:#eef1f5}
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:16px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.meta{color:var(--muted);margin:0 0 12px}
.controls{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 12px}
.controls input,.controls select{font:inherit;padding:6px 8px;border:1px solid var(--line);border-radius:4px;min-width:0}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--head);font-weight:600;white-space:nowrap}
th button{font:inherit;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
.badge{display:inline-block;padding:2px 6px;border-radius:3px;color:#fff;font-size:12px;font-weight:600;white-space:nowrap}
.overdue{color:#b00020;font-weight:600}
.muted{color:var(--muted)}
svg{display:block}
@media (max-width:640px){
  body{padding:8px}
  /* On a phone each row is a card: the cells stack, each labelled by its column. */
  table,tbody,tr,td{display:block;width:100%}
  thead{position:absolute;left:-9999px}
  tr{border:1px solid var(--line);border-radius:6px;margin:0 0 8px;padding:4px 0}
  td{border:0;padding:3px 8px}
  td::before{content:attr(data-label);display:block;font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
  .hide-narrow{display:none}
}
@media print{.controls{display:none}body{padding:0}tr{break-inside:avoid}a{color:inherit}}
`

/**
 * Sorting and filtering without a framework: a click on a column header sorts that table by the cells'
 * data-key (numbers numerically, the rest as text); the filter box and the verdict menu hide rows that do not
 * match. No network, no storage, no eval.
 */
export const DASHBOARD_JS = `
(function(){
  function key(row,i){var c=row.cells[i];return c?(c.getAttribute('data-key')||c.textContent||''):''}
  document.querySelectorAll('table[data-sortable]').forEach(function(table){
    var heads=table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads,function(th,i){
      var b=th.querySelector('button');if(!b)return;
      b.addEventListener('click',function(){
        var asc=th.getAttribute('aria-sort')!=='ascending';
        Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort')});
        th.setAttribute('aria-sort',asc?'ascending':'descending');
        var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
        rows.sort(function(a,b){var x=key(a,i),y=key(b,i);var nx=parseFloat(x),ny=parseFloat(y);
          var r=(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x&&String(ny)===y)?nx-ny:x.localeCompare(y);return asc?r:-r});
        rows.forEach(function(r){body.appendChild(r)});
      });
    });
  });
  var q=document.getElementById('filter'),v=document.getElementById('verdict');
  function apply(){
    var text=(q.value||'').toLowerCase(),dec=v.value;
    document.querySelectorAll('tr[data-vendor]').forEach(function(r){
      var ok=(!text||r.textContent.toLowerCase().indexOf(text)>=0)&&(!dec||r.getAttribute('data-decision')===dec);
      r.hidden=!ok;
    });
  }
  q.addEventListener('input',apply);v.addEventListener('change',apply);
})();
`
