Dear {{get('member', {}).get('first_name', 'Member')}}, (due_soon)
