% rebase("base.tpl", title="members")
<h1>members</h1>
% # TODO page body
