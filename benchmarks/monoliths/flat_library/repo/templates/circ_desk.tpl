% rebase("base.tpl", title="circ_desk")
<h1>circ_desk</h1>
% # TODO page body
