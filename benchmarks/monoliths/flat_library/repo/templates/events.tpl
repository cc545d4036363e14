% rebase("base.tpl", title="events")
<h1>events</h1>
% # TODO page body
