% rebase("base.tpl", title="member")
<h1>member</h1>
% # TODO page body
