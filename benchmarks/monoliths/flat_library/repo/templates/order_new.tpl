% rebase("base.tpl", title="order_new")
<h1>order_new</h1>
% # TODO page body
