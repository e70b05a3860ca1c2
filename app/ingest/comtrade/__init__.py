"""Import bilateral figures from CSV files in the shape of UN Comtrade's exports."""
