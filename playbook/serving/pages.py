"""The pages of our own (busy, too many page loads, a damaged link, a page that did not
start) and the scripts put into every workbook page. Plain strings: no tornado, no Voila."""

from __future__ import annotations

import html

from playbook.upload_guard import UPLOAD_GUARD_JS

_STYLE = (
    "font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;"
    "line-height:1.5;color:#1a1a1a"
)


def page(title: str, body: str, *, refresh: int | None = None) -> str:
    meta = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{meta}'
        f"<title>{html.escape(title)}</title></head>"
        f'<body><main style="{_STYLE}"><h1>{html.escape(title)}</h1>{body}</main></body></html>'
    )


BUSY = page(
    "The workbook server is busy",
    "<p>{n} people are working in the playbook on this server right now, which is all it can "
    "hold. Please try again in a minute: this page reloads by itself every 30 seconds.</p>"
    "<p>Your answers are saved as you enter them; nothing is lost.</p>",
    refresh=30,
)
#: A page request for which no kernel became ready within the page's time (every kernel of its
#: workbook taken by others arriving at once, on a machine too busy to start more in time).
NO_KERNEL_YET = page(
    "Many people are opening the playbook at once",
    "<p>The server is starting a workbook for everyone who arrived at the same moment and has "
    "not got to yours yet. This page tries again by itself in 30 seconds.</p>"
    "<p>Your answers are saved as you enter them; nothing is lost.</p>",
    refresh=30,
)
TOO_MANY = page(
    "Too many page loads",
    "<p>This browser opened many workbook pages within a minute. Wait a minute, then reload "
    "the page.</p><p>Your answers are saved as you enter them; nothing is lost.</p>",
)
DAMAGED_LINK = page(
    "This link is damaged",
    "<p>The link is incomplete or was changed: a private workbook link ends in "
    "<code>?key=</code> followed by 43 letters, digits, '-' or '_'. Copy the whole link you "
    "bookmarked and open it again.</p>"
    '<p><a href="00_start.ipynb">Go to the start page</a> to resume from a file or start a '
    "new workbook.</p>",
)
#: Sent into a page whose kernel did not finish in time; the page's own scripts never ran.
PAGE_TIMEOUT_HTML = (
    '<div role="alert" style="position:fixed;inset:0;z-index:100000;background:#fff;'
    f'overflow:auto"><div style="{_STYLE}"><h1>This page did not start</h1>'
    "<p>The server took too long to prepare this workbook page, so it stopped trying. "
    "Your answers are saved as you enter them; nothing is lost.</p>"
    '<p><button type="button" onclick="location.reload()" style="font-size:1.1em;'
    'padding:.4em 1em">Try again</button></p></div></div>'
    "<script>(function(){var k='playbook-retried:'+location.href,t=+sessionStorage.getItem(k)"
    "||0;if(Date.now()-t>120000){sessionStorage.setItem(k,String(Date.now()));"
    "setTimeout(function(){location.reload()},2000)}})()</script>"
)


#: Put into every workbook page's head: a file over the largest import is refused in the page
#: with a message, instead of a websocket message tornado would drop (playbook.upload_guard).
UPLOAD_GUARD = UPLOAD_GUARD_JS.encode()

#: Put into every workbook page: when the page's kernel is gone (stopped after the page took
#: too long to connect on an overloaded machine, or after the page was left closed or asleep),
#: a page that never showed its workbook reloads itself once (a new kernel), and a page in use
#: says what happened instead of silently ignoring clicks.
KERNEL_WATCH = b"""<script>(function(){
var c=document.getElementById('jupyter-config-data');if(!c||!window.fetch)return;
var cfg=JSON.parse(c.textContent),id=cfg.kernelId,base=cfg.baseUrl||'/';if(!id)return;
var t=setInterval(function(){fetch(base+'api/kernels/'+id,{credentials:'same-origin'})
.then(function(r){if(r.status!==404)return;clearInterval(t);
var k='playbook-reloaded:'+location.href,last=+sessionStorage.getItem(k)||0;
if(!document.querySelector('.jupyter-widgets')&&Date.now()-last>60000){
sessionStorage.setItem(k,String(Date.now()));location.reload();return;}
var d=document.createElement('div');d.setAttribute('role','alert');d.className='pb-kernel-gone';
d.style.cssText='position:fixed;top:0;left:0;right:0;z-index:100000;background:#fff3cd;'+
'color:#1a1a1a;padding:12px 16px;border-bottom:1px solid #d6b656;font:16px system-ui,sans-serif';
d.textContent='This page was left unused for a while and has been closed on the server. '+
'Your answers are saved. ';var b=document.createElement('button');b.type='button';
b.textContent='Reload the page';b.onclick=function(){location.reload()};d.appendChild(b);
document.body.appendChild(d);}).catch(function(){});},15000);})();</script>
"""

#: Put into every workbook page: the mime renderers Voila was told not to load at start
#: (``patches.LATER``: plotly's, 1.4 MB) are loaded once the page's widgets are restored and
#: the page is idle, and registered with the widgets' renderers; ``window.playbookRenderers``
#: settles then (``ui.common.charts.FirstPaint`` waits for it before the charts are drawn). An
#: ``Output`` that got a chart before (a widget's event in the page's first second) is drawn
#: again from its outputs, now with the renderer.
RENDERERS_LATER = b"""<script>(function(){
var c=document.getElementById('jupyter-config-data');if(!c)return;
var later=JSON.parse(c.textContent).playbookRenderersLater||[];if(!later.length)return;
var idle=window.requestIdleCallback||function(f){setTimeout(f,200);};
var mime='application/vnd.plotly.v1+json';
window.playbookRenderers=new Promise(function(done){function load(m){
Promise.all(later.map(function(x){var box=(window._JUPYTERLAB||{})[x.name];
if(!box)return Promise.reject(new Error(x.name+' is not loaded'));
return box.get(x.module).then(function(f){var mod=f(),all=mod.default||mod;
(Array.isArray(all)?all:[all]).forEach(function(e){if(e&&e.rendererFactory)
m.rendermime.addFactory(e.rendererFactory,typeof e.rank==='number'?e.rank:0);});});}))
.then(function(){(m._modelsSync||new Map()).forEach(function(w){
if(typeof w.setOutputs==='function'&&JSON.stringify(w.get('outputs')||[]).indexOf(mime)>=0)
w.setOutputs();});})
.catch(function(e){console.error('A chart renderer did not load:',e);}).then(done);}
(function wait(){var app=window.jupyterapp,m=app&&app.widgetManager;
if(!m||!m.restoredStatus){setTimeout(wait,100);return;}
idle(function(){load(m);},{timeout:1000});})();});})();</script>
"""
