% rebase("base.tpl", title="error")
<h1>error</h1>
% # TODO page body
