% rebase("base.tpl", title="member_edit")
<h1>member_edit</h1>
% # TODO page body
