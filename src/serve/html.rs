//! HTML escaping and the page frame. Every string from the index or the URL goes through
//! [`esc`] before it reaches the page; nothing else writes text into HTML.

use std::fmt::Write;

/// Text escaped for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page: `title` (escaped here) and `body` (already HTML).
pub fn frame(title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 4096);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · newsdex</title><style>{STYLE}</style></head><body>\
         <header><a class=\"home\" href=\"/\">newsdex</a></header>{body}\
         <script>{SCRIPT}</script></body></html>\n",
        esc(title)
    );
    out
}

/// The whole style sheet: no CDN, no build step.
const STYLE: &str = "
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#1d3557;padding:.4em 1em}header a.home{color:#fff;font-weight:bold;text-decoration:none}
main{display:flex;gap:2em;padding:1em;max-width:1200px;margin:auto}
.results{flex:3;min-width:0}aside{flex:1;min-width:220px}
form.search{padding:1em;max-width:1200px;margin:auto;display:flex;flex-wrap:wrap;gap:.5em;align-items:end}
form.search label{display:flex;flex-direction:column;font-size:.8em;color:#555}
form.search input[name=q]{width:28em;font-size:1.1em}
mark{background:#ffe066;padding:0 .1em}mark.quote{background:#d0ebff}mark.focus{background:#ffa94d}
.hit{margin:0 0 1.1em}.hit .meta,.meta{color:#666;font-size:.85em}
.hit a.title{font-weight:600;font-size:1.05em}.count{font-size:1.1em}
.error{background:#ffe3e3;border:1px solid #e03131;padding:.6em;white-space:pre-wrap;font-family:monospace}
.note{background:#fff3bf;padding:.4em}
.facet h3{margin:.8em 0 .2em;font-size:.95em}.facet li{list-style:none}.facet ul{padding:0;margin:0}
.facet .n{color:#888;font-size:.85em}
.timeline{display:flex;align-items:flex-end;height:120px;gap:1px;border-bottom:1px solid #999}
.timeline a{flex:1;background:#457b9d;min-width:2px;display:block}.timeline a:hover{background:#e63946}
.tl-labels{display:flex;justify-content:space-between;font-size:.75em;color:#666}
.pager a,.pager span{margin-right:.6em}.exports a{margin-right:.8em}
article .body{white-space:pre-wrap;max-width:48em}.quotes li{margin-bottom:.4em}
.chips a{margin-right:.5em;font-size:.85em}
";

/// Autocomplete for the name fields from `/api/names`, into the browser's own datalists; the
/// page works the same without it.
const SCRIPT: &str = "
document.querySelectorAll('input[data-names]').forEach(function(inp){
  inp.addEventListener('input',function(){
    var v=inp.value.trim();if(v.length<2)return;
    fetch('/api/names?limit=10&field='+inp.dataset.names+'&prefix='+encodeURIComponent(v))
      .then(function(r){return r.json()}).then(function(j){
        var dl=document.getElementById(inp.getAttribute('list'));if(!dl||!j.names)return;
        dl.textContent='';
        j.names.forEach(function(n){var o=document.createElement('option');o.value=n[0];dl.appendChild(o)});
      }).catch(function(){});
  });
});
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
