% rebase("base.tpl", title="hold_shelf")
<h1>hold_shelf</h1>
% # TODO page body
