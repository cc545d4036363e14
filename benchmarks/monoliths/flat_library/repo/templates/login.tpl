% rebase("base.tpl", title="login")
<h1>login</h1>
% # TODO page body
