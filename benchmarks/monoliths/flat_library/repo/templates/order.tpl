% rebase("base.tpl", title="order")
<h1>order</h1>
% # TODO page body
