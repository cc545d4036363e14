% rebase("base.tpl", title="transfers")
<h1>transfers</h1>
% # TODO page body
