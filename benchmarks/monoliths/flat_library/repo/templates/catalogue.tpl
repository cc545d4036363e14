% rebase("base.tpl", title="catalogue")
<h1>catalogue</h1>
% # TODO page body
