% rebase("base.tpl", title="dashboard")
<h1>dashboard</h1>
% # TODO page body
