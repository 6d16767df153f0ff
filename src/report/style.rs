//! The inline stylesheet and script of the report.

/// Inline CSS (system fonts only).
pub const CSS: &str = r#"
:root{--bg:#f4f6fa;--panel:#fff;--ink:#1c2333;--muted:#5d6b82;--line:#e3e8f0;--accent:#2f5bd3;--warn:#b4441e}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:1200px;margin:0 auto;padding:0 20px}
header{background:linear-gradient(120deg,#1d2b53,#2f5bd3 70%,#3b82c4);color:#fff;padding:22px 0 18px;margin-bottom:18px}
header h1{margin:0;font-size:24px;font-weight:700;letter-spacing:.2px}
header h1 span{font-weight:400;opacity:.85}
header .sub{margin:4px 0 0;opacity:.85}
h2{font-size:15px;margin:0 0 10px;color:var(--ink)}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin-bottom:14px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px 14px;box-shadow:0 1px 2px rgba(20,30,60,.05)}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.6px}
.card .value{font-size:26px;font-weight:700;margin-top:2px}
.card .note{color:var(--muted);font-size:12px;min-height:1em}
.grid{display:grid;grid-template-columns:1.4fr 1fr 1fr;gap:12px;margin-bottom:14px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:14px 16px;margin-bottom:14px;box-shadow:0 1px 2px rgba(20,30,60,.05)}
.grid .panel{margin-bottom:0}
.panel.warn{border-left:4px solid var(--warn)}
.panel.ok{border-left:4px solid #2e9d5b}
.panel.warn h2{color:var(--warn)}
.note{color:var(--muted);font-size:12px;margin:4px 0 0}
svg.hist{width:100%;height:auto}
svg .cnt{font-size:10px;fill:var(--muted);text-anchor:middle}
svg .tick{font-size:10px;fill:var(--muted)}
svg .axis{stroke:#aab4c5;stroke-width:1}
table{border-collapse:collapse;width:100%}
table.kv td{padding:3px 6px;border-bottom:1px solid var(--line)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.bar{width:45%}
td.bar span{display:block;height:8px;border-radius:4px;background:linear-gradient(90deg,#5b84e8,#2f5bd3);min-width:1px}
td.bar.red span{background:linear-gradient(90deg,#f08a6c,#c4452a)}
.chip.none{background:#eceff4;color:#8a94a6}
.flag{display:inline-block;font-size:11px;padding:1px 7px;margin:1px 2px;border-radius:9px;background:#fdecea;color:#a3321a;border:1px solid #f5c6bd;white-space:nowrap}
.badge{display:inline-block;font-size:11px;padding:1px 8px;margin-left:8px;border-radius:9px;background:var(--warn);color:#fff;white-space:nowrap;max-width:420px;overflow:hidden;text-overflow:ellipsis;vertical-align:middle}
.chip{display:inline-block;min-width:48px;text-align:center;padding:0 6px;border-radius:8px;background:hsl(var(--h),70%,90%);color:hsl(var(--h),70%,25%);font-weight:600}
.doc-tools{display:flex;align-items:center;gap:14px;flex-wrap:wrap;margin-bottom:8px}
.doc-tools h2{margin:0;margin-right:auto}
.doc-tools input[type=search]{padding:5px 10px;border:1px solid var(--line);border-radius:6px;min-width:220px}
.doc-tools button{border:1px solid var(--line);background:#fff;border-radius:6px;padding:4px 10px;cursor:pointer}
.legend{color:var(--muted);font-size:12px;display:inline-flex;align-items:center;gap:6px}
.legend i{display:inline-block;width:120px;height:10px;border-radius:5px;background:linear-gradient(90deg,hsl(0,62%,48%),hsl(40,62%,48%),hsl(80,62%,45%),hsl(125,62%,42%))}
.legend b{font-weight:600}
#shown{color:var(--muted);font-size:12px}
.scroll{max-height:340px;overflow:auto;border:1px solid var(--line);border-radius:8px}
table.docs th{position:sticky;top:0;background:#eef2f8;text-align:left;padding:5px 8px;font-size:12px;color:var(--muted)}
table.docs th.num{text-align:right}
table.docs th[data-k]{cursor:pointer;user-select:none}
table.docs th[data-k]:hover{color:var(--ink)}
table.docs th[data-dir=up]::after{content:" \25B4"}
table.docs th[data-dir=down]::after{content:" \25BE"}
table.docs td{padding:4px 8px;border-top:1px solid var(--line)}
table.docs tr.suspect td{background:#fff4f0}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
details.doc{background:var(--panel);border:1px solid var(--line);border-radius:10px;margin-bottom:10px;box-shadow:0 1px 2px rgba(20,30,60,.05)}
details.doc.suspect{border-left:4px solid var(--warn)}
details.doc>summary{cursor:pointer;padding:10px 14px;display:flex;align-items:center;gap:10px;list-style:none}
details.doc>summary::before{content:"\25B8";color:var(--muted);transition:transform .15s}
details.doc[open]>summary::before{transform:rotate(90deg)}
details.doc>summary .name{font-weight:600}
details.doc>summary .meta{color:var(--muted);font-size:12px}
.docbody{display:flex;gap:16px;padding:4px 14px 14px;align-items:flex-start}
figure.pathfig{margin:0;flex:0 0 250px;position:sticky;top:8px}
figure.pathfig figcaption{font-size:11px;color:var(--muted);text-align:center}
svg.path{width:250px;height:250px;background:#fbfcfe;border-radius:8px}
svg.path .frame{fill:none;stroke:#d5dce8}
svg.path .diag{stroke:#e2e7ef;stroke-dasharray:3 3}
svg.path .mark{stroke:#fff;stroke-width:.6}
table.beads{flex:1;font-size:13px;table-layout:fixed}
table.beads th{text-align:left;font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.5px;padding:4px 6px;border-bottom:2px solid var(--line)}
table.beads th:nth-child(1){width:62px}table.beads th:nth-child(2){width:40px}
table.beads th:nth-child(5){width:50px}table.beads th:nth-child(6){width:120px}
table.beads td{padding:6px;vertical-align:top;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
table.beads tr.bead td.txt{background:hsla(var(--h),70%,92%,.55)}
table.beads tr.bead td.sc{color:hsl(var(--h),70%,30%);font-weight:700}
table.beads tr.bead td:first-child{border-left:4px solid hsl(var(--h),62%,48%)}
table.beads tr.empty td.txt{background:#f1f3f7;color:#67738a}
table.beads tr.empty td:first-child{border-left-color:#9aa3b5}
td.idx,td.kind{color:var(--muted);font-size:11px;white-space:nowrap}
body.only-flagged tr.bead:not(.flagged){display:none}
footer{color:var(--muted);font-size:12px;padding:10px 20px 30px}
@media (max-width:900px){.cards{grid-template-columns:repeat(2,1fr)}.grid{grid-template-columns:1fr}.docbody{flex-direction:column}}
"#;

/// Inline JavaScript: document filter, open a section when linked to, toggles. Marks the body
/// with `data-ready` and the number of document sections once it has run.
pub const JS: &str = r#"
(function(){
  var docs=document.querySelectorAll('details.doc');
  var rows=document.querySelectorAll('tr.docrow');
  var filter=document.getElementById('filter');
  var onlySuspect=document.getElementById('only-suspect');
  var shown=document.getElementById('shown');
  function apply(){
    var q=(filter.value||'').toLowerCase(), n=0;
    for(var i=0;i<rows.length;i++){
      var r=rows[i];
      var ok=r.getAttribute('data-name').indexOf(q)>=0 && (!onlySuspect.checked||r.classList.contains('suspect'));
      r.style.display=ok?'':'none'; if(ok)n++;
    }
    shown.textContent=n+' of '+rows.length+' shown';
  }
  filter.addEventListener('input',apply); onlySuspect.addEventListener('change',apply);
  function openHash(){
    var id=location.hash.slice(1); if(!id)return;
    var el=document.getElementById(id);
    if(el&&el.tagName==='DETAILS'){el.open=true; el.scrollIntoView();}
  }
  window.addEventListener('hashchange',openHash); openHash();
  document.getElementById('only-flagged').addEventListener('change',function(e){
    document.body.classList.toggle('only-flagged',e.target.checked);
  });
  document.getElementById('expand').addEventListener('click',function(){for(var i=0;i<docs.length;i++)docs[i].open=true;});
  document.getElementById('collapse').addEventListener('click',function(){for(var i=0;i<docs.length;i++)docs[i].open=false;});
  var tbody=document.querySelector('table.docs tbody'), dir={};
  var heads=document.querySelectorAll('table.docs th[data-k]');
  for(var h=0;h<heads.length;h++){heads[h].addEventListener('click',function(e){
    var k=+e.currentTarget.getAttribute('data-k'); dir[k]=-(dir[k]||(k===0?-1:1));
    var arr=Array.prototype.slice.call(rows);
    arr.sort(function(a,b){
      if(k===0){return dir[k]*a.getAttribute('data-name').localeCompare(b.getAttribute('data-name'),undefined,{numeric:true});}
      var x=+a.getAttribute('data-v').split(' ')[k], y=+b.getAttribute('data-v').split(' ')[k];
      return dir[k]*(x-y);
    });
    for(var i=0;i<arr.length;i++)tbody.appendChild(arr[i]);
    for(var j=0;j<heads.length;j++)heads[j].removeAttribute('data-dir');
    e.currentTarget.setAttribute('data-dir',dir[k]>0?'up':'down');
  });}
  apply();
  document.body.setAttribute('data-docs',String(docs.length));
  document.body.setAttribute('data-ready','1');
})();
"#;
