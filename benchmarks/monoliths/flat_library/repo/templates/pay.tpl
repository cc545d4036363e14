% rebase("base.tpl", title="pay")
<h1>pay</h1>
% # TODO page body
