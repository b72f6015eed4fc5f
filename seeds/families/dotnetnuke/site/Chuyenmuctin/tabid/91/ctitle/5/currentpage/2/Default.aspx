<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="vi-VN" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml">
<head id="Head">
<!-- DotNetNuke - http://www.dotnetnuke.com -->
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<meta id="MetaDescription" name="DESCRIPTION" content="Hội đồng nhân dân tỉnh Sơn Lâm" />
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<meta id="MetaRobots" name="ROBOTS" content="INDEX, FOLLOW" />
<title>Tin hoạt động</title>
<link href="/Portals/_default/default.css?cdv=45" type="text/css" rel="stylesheet" />
<link href="/Portals/_default/Skins/HDND/skin.css?cdv=45" type="text/css" rel="stylesheet" />
</head>
<body id="Body">
<form method="post" action="/Chuyenmuctin/tabid/91/ctitle/5/currentpage/2/Default.aspx" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgYCAQ8WAh4EVGV4dAUG7MIMUI1vzRsevZQ5jjU41tkqS5kNTyAFbJ2NcpDDT05Bh/STGFPqAmhOufGgZ9uraYMTiJ7YnEt6kmbA5oc3oplXkwkfquwmpF6b5KIB9mb/E7YX9gBplt2l/tuY3J+VCsUDrFiWzxGd15C0vQWZAyM+7mebJyFUfN/74gasU+QS9Ru99e/7raiiK5B4KX4BDEZz1AjfsiKImbBE1reDOtB8bFoWZiXm+bKfsZwMhipgoIvYdedembQLoZRgBG1S" />
</div>
<script src="/js/dnncore.js?cdv=45" type="text/javascript"></script>
<div id="skin_wrapper">
 <div id="skin_header">
  <div class="banner"><a href="/Trangchu/tabid/36/Default.aspx"><img src="/Portals/0/banner-hdnd.png" alt="Hội đồng nhân dân tỉnh Sơn Lâm" /></a></div>
  <div class="topbar">
   <span id="dnn_dnnCURRENTDATE_lblDate" class="DateTime">Thứ Bảy, 29/11/2026</span>
   <div id="dnn_dnnSEARCH_ClassicSearch"><input name="dnn$dnnSEARCH$txtSearch" type="text" maxlength="255" size="20" id="dnn_dnnSEARCH_txtSearch" class="NormalTextBox" /> <a id="dnn_dnnSEARCH_cmdSearch" class="SkinObject" href="javascript:__doPostBack('dnn$dnnSEARCH$cmdSearch','')">Tìm kiếm</a></div>
  </div>
  <div id="dnn_pnav" class="menu"><ul class="dnnmega">
   <li><a href="/Trangchu/tabid/36/Default.aspx">Trang chủ</a></li>
   <li><a href="/Chuyenmuctin/tabid/91/ctitle/5/Default.aspx">Tin hoạt động</a></li>
   <li><a href="/Login/tabid/40/Default.aspx?returnurl=%2f">Đăng nhập</a></li>
  </ul></div>
 </div>
 <div id="skin_breadcrumb"><span id="dnn_dnnBREADCRUMB_lblBreadCrumb"><a href="/Chuyenmuctin/tabid/91/ctitle/5/Default.aspx" class="Breadcrumb">Chuyên mục tin</a> › <span class="Breadcrumb">Tin hoạt động</span></span></div>
 <div id="skin_content">
  <div id="dnn_ContentPane" class="contentPane">
   <div class="DnnModule DnnModule-TinTucCMS DnnModule-405"><a name="405"></a>
    <div class="c_container c_head_grey">
     <div class="c_title"><h2 class="c_titleh2"><span id="dnn_ctr405_dnnTITLE_titleLabel" class="Head">Tin hoạt động</span></h2></div>
     <div id="dnn_ctr405_ContentPane" class="c_content">
      <div id="dnn_ctr405_ModuleContent" class="DNNModuleContent ModTinTucCMSC">
<div class="danhsachtin">
<div class="tin-item">
<a class="tieude" href="/Chuyenmuctin/Chitiettin/tabid/92/title/1187/ctitle/5/Default.aspx">Kỳ họp thứ hai mươi mốt Hội đồng nhân dân tỉnh khóa XVIII</a> <span class="ngay">(12/03/2025)</span>
<div class="tomtat">Sáng 12/3, Hội đồng nhân dân tỉnh khóa XVIII khai mạc Kỳ họp thứ hai mươi mốt (kỳ họp chuyên đề) để xem xét, quyết định một số nội dung quan trọng thu...</div>
</div>
</div>
<table class="PagingTable"><tr><td><span class="pagingtext">Trang:</span> <a class="CommandButton" href="/Chuyenmuctin/tabid/91/ctitle/5/Default.aspx">1</a> <span class="current">2</span></td></tr></table>
      </div>
     </div>
    </div>
   </div>
  </div>
  <div id="dnn_RightPane" class="rightPane">
   <div class="DnnModule DnnModule-DNN_HTML DnnModule-377"><a name="377"></a>
    <div id="dnn_ctr377_ModuleContent" class="DNNModuleContent ModDNNHTMLC"><div id="dnn_ctr377_HtmlModule_lblContent" class="Normal"><p><strong>Đường dây nóng:</strong> 0210 3 000 000</p></div></div>
   </div>
  </div>
 </div>
 <div id="skin_footer"><div class="footer">Cơ quan chủ quản: Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Sơn Lâm. <a id="dnn_dnnCOPYRIGHT_lblCopyright" class="footer">Bản quyền thuộc HĐND tỉnh Sơn Lâm</a></div></div>
</div>
<input name="ScrollTop" type="hidden" id="ScrollTop" />
<input name="__dnnVariable" type="hidden" id="__dnnVariable" value="`{`__scdoff`:`1`}" />
</form>
</body>
</html>
