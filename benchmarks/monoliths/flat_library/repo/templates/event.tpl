% rebase("base.tpl", title="event")
<h1>event</h1>
% # TODO page body
