% rebase("base.tpl", title="rooms")
<h1>rooms</h1>
% # TODO page body
