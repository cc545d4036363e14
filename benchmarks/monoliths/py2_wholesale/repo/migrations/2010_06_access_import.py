# One-off: copy customers and products out of the old Access back end into SQL Server.
# Ran once on 2010-06-19 from the office PC (python 2.5 + pyodbc + the Jet driver).
# Kept for reference. DO NOT RUN AGAIN.
import pyodbc

ACCESS = r'DRIVER={Microsoft Access Driver (*.mdb)};DBQ=\\kestrel-fs\data\kestrel_be.mdb'
SQL = 'DRIVER={SQL Server};SERVER=KESTREL-SQL01;DATABASE=kops;Trusted_Connection=yes'

src = pyodbc.connect(ACCESS)
dst = pyodbc.connect(SQL)
s = src.cursor()
d = dst.cursor()

s.execute("SELECT AccCode, CoName, Addr1, Addr2, Town, PCode, Tel, CrLimit, Terms FROM tblCustomers")
n = 0
for row in s.fetchall():
    try:
        d.execute("INSERT INTO Customer (AccountNo, Name, BillAddr1, BillAddr2, BillCity, BillPostcode, "
                  "Phone, CreditLimit, TermsDays) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  row.AccCode.upper(), unicode(row.CoName, 'cp1252'), row.Addr1, row.Addr2, row.Town,
                  row.PCode, row.Tel, row.CrLimit or 0, row.Terms or 30)
        n += 1
    except Exception, e:
        print "skipped customer %s: %s" % (row.AccCode, e)
print "%d customers" % n

s.execute("SELECT StockCode, Descr, UnitCost, Sell1, CaseQty, Weight FROM tblStock")
n = 0
for row in s.fetchall():
    if not row.StockCode:
        continue
    d.execute("INSERT INTO Product (Sku, Description, StdCost, ListPrice, CaseQty, WeightKg) "
              "VALUES (?, ?, ?, ?, ?, ?)", row.StockCode.strip().upper(), row.Descr, row.UnitCost,
              row.Sell1, row.CaseQty or 1, row.Weight)
    n += 1
print "%d products" % n
dst.commit()
