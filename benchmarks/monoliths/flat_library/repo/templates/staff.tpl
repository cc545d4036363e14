% rebase("base.tpl", title="staff")
<h1>staff</h1>
% # TODO page body
