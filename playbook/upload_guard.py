"""A too-large upload gets a message in the page, not a dropped connection.

An ipywidgets ``FileUpload`` reads the whole file in the browser and sends it to the kernel in
one websocket message; past the server's ``websocket_max_message_size`` tornado closes the
connection, and the page goes dead with no word said. :data:`UPLOAD_GUARD_JS` is a small
script for every workbook page's ``<head>``: before an upload widget reads a file, it checks
the file's size, and a file over :data:`MAX_UPLOAD_BYTES` (the largest file any page imports)
is not read or sent at all: a message beside the upload button says what was refused and why.

The widget keeps its file input out of the document, so the check cannot listen on the
document: the script wraps ``addEventListener`` of file inputs, which the widget calls when it
renders (hence ``<head>``: before any widget renders). The file's name is shown as text, never
as HTML.

Server side, :data:`MIN_WEBSOCKET_MESSAGE_SIZE` is what ``websocket_max_message_size``
(``voila.json``) must at least be, so that every file the guard lets through reaches the
kernel (and is refused there, with a message, when its content is over a cap).
"""

from __future__ import annotations

import json

from playbook.imports import IMPORT_LIMIT_BYTES
from playbook.record import WORKBOOK_FILE_LIMIT

#: The largest file any page imports (a time-tracker export, a calendar, a pilot's
#: measurements, a colleagues' file, a workbook file): a larger one is refused in the browser.
MAX_UPLOAD_BYTES = max(IMPORT_LIMIT_BYTES, WORKBOOK_FILE_LIMIT)

#: The least ``websocket_max_message_size`` that lets every file the guard passes reach the
#: kernel: the file, plus the widget message's own envelope (well under a megabyte).
MIN_WEBSOCKET_MESSAGE_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024

#: The class of the message the guard shows (tests and styles find it by this).
REFUSED_CLASS = "pb-upload-refused"


def _script(limit: int) -> str:
    config = json.dumps({"limit": limit, "cls": REFUSED_CLASS})
    return (
        "<script>(function(){var C=" + config + ";"
        "if(window.__pbUploadGuard)return;window.__pbUploadGuard=1;"
        "var last=null;"
        # the upload button last clicked: the message goes beside it
        "document.addEventListener('click',function(e){var t=e.target;"
        "var b=t&&t.closest?t.closest('.widget-upload'):null;if(b)last=b;},true);"
        "function mb(n){return (n/1048576).toFixed(1)+' MB';}"
        "function say(text){var old=document.querySelectorAll('.'+C.cls);"
        "for(var i=0;i<old.length;i++)old[i].remove();"
        "var d=document.createElement('div');d.className=C.cls;d.setAttribute('role','alert');"
        "d.style.cssText='background:#fdecea;color:#8a1c12;padding:6px 10px;"
        "border-radius:4px;margin:4px 0;max-width:60em';d.textContent=text;"
        "if(last&&last.parentNode){last.parentNode.insertBefore(d,last.nextSibling);}"
        "else{d.style.cssText+=';position:fixed;top:0;left:0;right:0;z-index:100000';"
        "document.body.appendChild(d);}}"
        "function clear(){var old=document.querySelectorAll('.'+C.cls);"
        "for(var i=0;i<old.length;i++)old[i].remove();}"
        "var add=HTMLInputElement.prototype.addEventListener;"
        "HTMLInputElement.prototype.addEventListener=function(type,fn,opts){"
        "if(type!=='change'||typeof fn!=='function')return add.call(this,type,fn,opts);"
        "var input=this;"
        "return add.call(this,type,function(ev){"
        "if(input.type!=='file')return fn.call(this,ev);"
        "var files=Array.prototype.slice.call(input.files||[]);"
        "var total=files.reduce(function(s,f){return s+f.size;},0);"
        "if(total>C.limit){"
        "var big=files.reduce(function(a,f){return f.size>a.size?f:a;},files[0]);"
        "var what=files.length>1?'These files are '+mb(total)+' together':"
        "'\\u201c'+big.name+'\\u201d is '+mb(total);"
        "say('Refused: '+what+'; this workbook reads files of at most '+mb(C.limit)+"
        "', so nothing was uploaded. Export a shorter period, or split the file, and try again.');"
        "input.value='';return;}"
        "clear();return fn.call(this,ev);},opts);};"
        "})();</script>"
    )


#: The guard, ready to put into a page's ``<head>`` (a ``<script>`` element).
UPLOAD_GUARD_JS = _script(MAX_UPLOAD_BYTES)
