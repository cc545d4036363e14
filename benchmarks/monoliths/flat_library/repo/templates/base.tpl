<!DOCTYPE html>
<html><head><title>RLN - {{title}}</title><link rel="stylesheet" href="/static/rln.css"></head>
<body>
% if staff:
<div class="bar">{{staff['username']}} | <a href="/circ">Desk</a> | <a href="/members">Members</a> | <a href="/catalogue">Catalogue</a> | <a href="/logout">Log out</a></div>
% end
% if defined('flash') and flash:
<div class="flash">{{flash}}</div>
% end
{{!base}}
</body></html>
