Dear {{get('member', {}).get('first_name', 'Member')}}, (welcome)
