% rebase("base.tpl", title="report")
<h1>report</h1>
% # TODO page body
