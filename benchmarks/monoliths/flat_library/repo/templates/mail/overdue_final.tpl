Dear {{get('member', {}).get('first_name', 'Member')}}, (overdue_final)
