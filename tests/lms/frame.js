// The player frame loads the package's launch page named by its own address (?pkg=…).
document.getElementById('sco').src = `/pkg/${new URLSearchParams(location.search).get('pkg')}/index.html`;
